// Package realtools runs the real tools that the project's tests trust more
// than any fake: the SAM translator (aws-sam-translator, a Python library)
// and cfn-lint. Both are pinned (SAMTranslatorVersion, CFNLintVersion).
//
// Tests call Require, or a function that calls it, first: when a tool is
// missing or at another version, the test fails with the command that
// installs it. With DURABLEFN_SKIP_REAL_TOOLS=1 (`make test-fast`) it is
// skipped with the same message instead, so a developer without Python can
// still run the rest of the suite; under CI (CI set) it always fails.
//
// Each tool costs about a second (the translator) or two and a half seconds
// (cfn-lint) to start, and CI has two cores, so both run in batches:
// SAMTranslateMany translates many templates in one Python process and
// CFNLintMany lints many files in one cfn-lint run. SAMTranslate also caches
// its results for the life of the test binary, so translating the same
// template twice costs nothing.
//
// SAM templates written for `sam deploy` name local code (CodeUri:
// ./handlers/order), which the translator rejects ("'CodeUri' is not a valid
// S3 Uri"). Before translating, PackageLocalCode rewrites such paths to
// s3://durablefn-package/handlers/order, as `sam package` would with a real
// bucket; templatecmp.LocalCode maps the result back to the path. The option
// KeepLocalCode turns the rewrite off.
//
// What cfn-lint 1.51.0 reports on our templates, so that nobody suppresses it
// blindly (each ignore needs a reason, see Ignore):
//
//   - DurableConfig.KMSKeyArn on AWS::Lambda::Function (and on a SAM
//     function): E3002 "Additional properties are not allowed ('KMSKeyArn' was
//     unexpected)", because its schema lacks the property; deployment accepts
//     it.
//   - Code: ./handlers/order on AWS::Lambda::Function (the input of `aws
//     cloudformation package`): W3002 "This code may only work with 'package'
//     cli command", a warning.
//   - CodeUri: ./handlers/order on AWS::Serverless::Function: nothing.
package realtools
