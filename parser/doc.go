// Package parser turns PowerShell source into a typed syntax tree: a
// hand-written, mode-aware tokenizer feeds a participle grammar whose types
// are the tree.
package parser
