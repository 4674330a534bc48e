// Package safeio reads the files durablefn is given — specs, templates,
// standard input — within fixed bounds, and checks their bytes before a
// YAML parser sees them:
//
//   - ReadFile refuses what is not a regular file (a FIFO, a device, a
//     socket, a directory) before reading a byte, and reads at most
//     MaxBytes;
//   - ReadAll reads at most MaxBytes from a stream (standard input);
//   - CheckEncoding refuses UTF-16 or UTF-32, invalid UTF-8, NUL bytes and
//     a byte order mark after the start, with a line and a column;
//   - CheckDepth refuses nesting deeper than MaxDepth, with a line and a
//     column, in one linear pass: YAML parsers use memory or stack that
//     grows with the nesting depth (one of them with its square).
//
// The bounds are documented in docs/security.md.
package safeio
