// Package state holds the emulated tenant: its configurations, policies,
// directory, assignments and change log, kept in memory during a run and
// stored in a bbolt file.
package state
