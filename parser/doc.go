// Package parser turns PowerShell source into a typed syntax tree: a
// hand-written, mode-aware tokenizer feeds a recursive-descent parser that
// follows PowerShell's own (Parser.cs), reporting each error with
// PowerShell's ErrorId and extent and going on after it as PowerShell does.
package parser
