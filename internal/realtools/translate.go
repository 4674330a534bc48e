package realtools

import (
	"bytes"
	"crypto/sha256"
	_ "embed" // translate.py is embedded
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/durablefn/durablefn/internal/templatecmp"
)

//go:embed translate.py
var translateScript string

// DefaultRegion is the region the translator runs in unless Region says
// otherwise. It decides the partition the translator writes into ARNs
// (arn:aws:).
const DefaultRegion = "us-east-1"

type translateConfig struct {
	region        string
	keepLocalCode bool
}

// TranslateOption changes how a SAM template is translated.
type TranslateOption func(*translateConfig)

// Region runs the translator as if in region (AWS_DEFAULT_REGION).
// Default: DefaultRegion.
func Region(region string) TranslateOption {
	return func(c *translateConfig) { c.region = region }
}

// KeepLocalCode turns off PackageLocalCode: the template reaches the
// translator as written, and a local CodeUri is rejected by it.
// Default: local code is rewritten to s3://durablefn-package/<path>.
func KeepLocalCode() TranslateOption {
	return func(c *translateConfig) { c.keepLocalCode = true }
}

// TranslateError is the translator's refusal of one template.
type TranslateError struct {
	// Name is the template's name in the batch.
	Name string
	// Messages are the translator's messages, one per problem found.
	Messages []string
}

// Error returns the template name and the translator's messages.
func (e *TranslateError) Error() string {
	return fmt.Sprintf("SAM translator rejected %s:\n  %s", e.Name, strings.Join(e.Messages, "\n  "))
}

// TranslateErrors lists every template of a batch that the translator
// rejected, in name order.
type TranslateErrors []*TranslateError

// Error joins the errors, one template after the other.
func (es TranslateErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

type translated struct {
	out  []byte
	errs []string
}

var (
	cacheMu sync.Mutex
	cache   = map[string]translated{}
	runs    int // translator processes started, for tests
)

// TranslateSAM translates SAM templates (YAML with short-form intrinsics, or
// JSON), keyed by a name used in messages, with the real translator in a
// single Python process, and returns the CloudFormation JSON of each, as the
// translator ordered it. Results are cached for the life of the process.
// Templates the translator rejects are left out of the map and reported in a
// TranslateErrors error (the others are still returned); a failure to run the
// translator at all is an ordinary error.
func TranslateSAM(templates map[string][]byte, opts ...TranslateOption) (map[string][]byte, error) {
	cfg := translateConfig{region: DefaultRegion}
	for _, o := range opts {
		o(&cfg)
	}
	if p := check(SAMTranslator); p != "" {
		return nil, fmt.Errorf("realtools: %s", p)
	}
	names := make([]string, 0, len(templates))
	for name := range templates {
		names = append(names, name)
	}
	sort.Strings(names)

	keys := map[string]string{}
	inputs := map[string]json.RawMessage{}
	for _, name := range names {
		tpl, err := templatecmp.Parse(templates[name])
		if err != nil {
			return nil, fmt.Errorf("reading SAM template %s: %w", name, err)
		}
		v := tpl.Value()
		if !cfg.keepLocalCode {
			PackageLocalCode(v)
		}
		data, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("encoding SAM template %s: %w", name, err)
		}
		sum := sha256.Sum256([]byte(cfg.region + "\x00" + string(data)))
		keys[name] = hex.EncodeToString(sum[:])
		inputs[name] = data
	}

	cacheMu.Lock()
	todo := map[string]json.RawMessage{}
	for _, name := range names {
		if _, ok := cache[keys[name]]; !ok {
			todo[name] = inputs[name]
		}
	}
	cacheMu.Unlock()

	if len(todo) > 0 {
		results, err := runTranslator(todo, cfg.region)
		if err != nil {
			return nil, err
		}
		cacheMu.Lock()
		for name, r := range results {
			cache[keys[name]] = r
		}
		cacheMu.Unlock()
	}

	out := map[string][]byte{}
	var errs TranslateErrors
	cacheMu.Lock()
	defer cacheMu.Unlock()
	for _, name := range names {
		r := cache[keys[name]]
		if len(r.errs) > 0 {
			errs = append(errs, &TranslateError{Name: name, Messages: r.errs})
			continue
		}
		out[name] = append([]byte(nil), r.out...)
	}
	if len(errs) > 0 {
		return out, errs
	}
	return out, nil
}

func runTranslator(templates map[string]json.RawMessage, region string) (map[string]translated, error) {
	req, err := json.Marshal(map[string]any{"templates": templates})
	if err != nil {
		return nil, fmt.Errorf("encoding translator request: %w", err)
	}
	cacheMu.Lock()
	runs++
	cacheMu.Unlock()
	cmd := exec.Command(python(), "-c", translateScript)
	cmd.Env = append(os.Environ(), "AWS_DEFAULT_REGION="+region, "AWS_REGION="+region, "PYTHONIOENCODING=utf-8")
	cmd.Stdin = bytes.NewReader(req)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("running the SAM translator (%s): %w\n%s", python(), err, strings.TrimSpace(stderr.String()))
	}
	var resp map[string]struct {
		Template json.RawMessage `json:"template"`
		Errors   []string        `json:"errors"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &resp); err != nil {
		return nil, fmt.Errorf("reading the SAM translator's answer: %w\nstdout: %.500s\nstderr: %.2000s", err, stdout.String(), stderr.String())
	}
	out := map[string]translated{}
	for name := range templates {
		r, ok := resp[name]
		if !ok {
			return nil, fmt.Errorf("the SAM translator gave no answer for %s\nstderr: %.2000s", name, stderr.String())
		}
		if len(r.Errors) > 0 {
			out[name] = translated{errs: r.Errors}
			continue
		}
		var buf bytes.Buffer
		if err := json.Indent(&buf, r.Template, "", "  "); err != nil {
			return nil, fmt.Errorf("reading the SAM translator's output for %s: %w", name, err)
		}
		buf.WriteByte('\n')
		out[name] = translated{out: buf.Bytes()}
	}
	return out, nil
}

// SAMTranslate translates one SAM template with the real translator and
// returns the CloudFormation JSON it produces. It calls Require first, and
// fails the test with the translator's messages when the template is
// rejected.
func SAMTranslate(t testing.TB, samTemplate []byte, opts ...TranslateOption) []byte {
	t.Helper()
	return SAMTranslateMany(t, map[string][]byte{"template": samTemplate}, opts...)["template"]
}

// SAMTranslateMany translates many SAM templates, keyed by name, in one
// translator process (about one second in all, instead of one per template).
// It calls Require first, and fails the test listing every template the
// translator rejected, with its messages.
func SAMTranslateMany(t testing.TB, samTemplates map[string][]byte, opts ...TranslateOption) map[string][]byte {
	t.Helper()
	Require(t, SAMTranslator)
	out, err := TranslateSAM(samTemplates, opts...)
	if err != nil {
		t.Fatalf("realtools: %v", err)
	}
	return out
}
