//go:build durablefn_cdk

package main

import "testing"

// useCDKHelper: built with the CDK, the cdk format runs in this process.
func useCDKHelper(*testing.T) {}

func removeCDKHelper() {}
