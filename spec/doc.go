// Package spec is the model every durablefn output is rendered from: the
// types of a spec file, YAML loading that keeps every field's position,
// defaults, and validation that reports every problem at once with file,
// line, column, field path, the rule and how to fix it.
//
// Limits and defaults (limits.go) live here once; the JSON Schema, the
// docs, the generators and the CDK construct read them from here.
//
// A spec file:
//
//	functions:
//	  OrderProcessor:
//	    runtime: nodejs24.x
//	    handler: index.handler
//	    code: ./handlers/order
//	    durable:
//	      executionTimeout: 24h
//	    callbackSenders: [{function: Approver}]
package spec
