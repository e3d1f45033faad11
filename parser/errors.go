package parser

import (
	"errors"
	"fmt"
	"strings"
)

// Error is a parse error, as PowerShell's ParseError describes one: an
// ErrorId, a message and the extent of the script it points at.
type Error struct {
	// Pos is where the error's extent starts; End is where it ends (the
	// same as Pos for an error that points between two tokens).
	Pos Pos
	End Pos
	// ID is PowerShell's ErrorId for the error: the name of its message in
	// PowerShell's ParserStrings resources ("MissingEndCurlyBrace").
	ID  string
	Msg string
	// Incomplete is set when more input could complete the script (an
	// unclosed block or string, a trailing pipe), blank lines and comments
	// after it allowed: the REPL then asks for another line.
	Incomplete bool
	// IncompleteInput is PowerShell's ParseError.IncompleteInput: the error
	// was found where only spaces, tabs and comments follow (a line break
	// after it makes the input complete, however wrong).
	IncompleteInput bool
}

func (e *Error) Error() string {
	if e.Pos.Filename != "" {
		return fmt.Sprintf("%s:%d:%d: %s", e.Pos.Filename, e.Pos.Line, e.Pos.Column, e.Msg)
	}
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// ErrorList is every parse error found in one script, in the order
// PowerShell reports them: as the parser meets them, then the errors of
// its checks of the finished tree.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// IsIncomplete reports whether err says that more input could complete the
// script: PowerShell asks for more input when its first error says so.
func IsIncomplete(err error) bool {
	var l ErrorList
	if errors.As(err, &l) {
		return len(l) > 0 && l[0].Incomplete
	}
	var e *Error
	return errors.As(err, &e) && e.Incomplete
}

// errorText returns the message of a parse error id with its arguments
// filled in ({0}, {1}), as PowerShell's ParserStrings resources word it.
// An id without a text here is a programming error: its message is the id.
func errorText(id string, args ...string) string {
	t := errorFormat(id)
	if t == "" {
		return id
	}
	if len(args) == 0 {
		// PowerShell formats a message only when it has arguments
		return t
	}
	for i, a := range args {
		t = strings.ReplaceAll(t, "{"+string(rune('0'+i))+"}", a)
	}
	return strings.ReplaceAll(strings.ReplaceAll(t, "{{", "{"), "}}", "}")
}

// errorFormat returns the message format of a parse error id (PowerShell's
// ParserStrings.resx), or "".
func errorFormat(id string) string {
	switch id {
	// statements and blocks
	case "MissingEndCurlyBrace":
		return "Missing closing '}' in statement block or type definition."
	case "UnexpectedToken":
		return "Unexpected token '{0}' in expression or statement."
	case "MissingNamedBlocks":
		return "unexpected token '{0}', expected 'begin', 'process', 'end', 'clean', or 'dynamicparam'."
	case "MissingNamedStatementBlock":
		return "Missing statement block after '{0}'."
	case "DuplicateScriptCommandClause":
		return "Script command clause '{0}' has already been defined."
	case "MissingStatementBlock":
		return "Missing statement block after {0} ( condition )."
	case "MissingOpenParenthesisInIfStatement":
		return "Missing '(' after '{0}' in if statement."
	case "IfStatementMissingCondition":
		return "Missing condition in if statement after '{0} ('."
	case "MissingEndParenthesisAfterStatement":
		return "Missing closing ')' after expression in '{0}' statement."
	case "MissingStatementBlockAfterElse":
		return "Missing statement block after 'else' keyword."
	case "MissingOpenParenthesisAfterKeyword":
		return "Missing opening '(' after keyword '{0}'."
	case "MissingExpressionAfterKeyword":
		return "Missing expression after '{0}' in loop."
	case "MissingLoopStatement":
		return "Missing statement body in {0} loop."
	case "MissingWhileOrUntilInDoWhile":
		return "Missing while or until keyword in do loop."
	case "MissingVariableNameAfterForeach":
		return "Missing variable name after foreach.\nThe correct form is: foreach ($a in $b) {...}"
	case "MissingInInForeach":
		return "Missing 'in' after variable in foreach loop.\nThe correct form is: foreach ($a in $b) {...}"
	case "MissingForeachExpression":
		return "Missing expression in foreach loop.\nThe correct form is: foreach ($a in $b) {...}"
	case "MissingEndParenthesisAfterForeach":
		return "Missing closing ')' after expression part of foreach loop.\nThe correct form is: foreach ($a in $b) {...}"
	case "MissingForeachStatement":
		return "Missing statement body in foreach loop.\nThe correct form is: foreach ($a in $b) {...}"
	case "InvalidForeachFlag":
		return "The parameter {0} is not valid for the foreach statement."
	case "MissingThrottleLimit":
		return "The ThrottleLimit parameter of the foreach statement is missing a value. Supply a throttle limit to the parameter."
	case "PipelineValueRequired":
		return "A switch statement must have one of the following:  '-file file_name' or '( expression )'."
	case "InvalidSwitchFlag":
		return "The parameter {0} is not valid for the switch statement."
	case "MissingFilenameOption":
		return "Cannot process the 'switch' statement because of a missing file name argument to the -file option."
	case "MissingEndParenthesisInSwitchStatement":
		return "Missing ')' after expression in switch statement."
	case "MissingCurlyBraceInSwitchStatement":
		return "Missing '{' in switch statement."
	case "MissingSwitchConditionExpression":
		return "Missing condition in switch statement clause."
	case "MissingSwitchStatementClause":
		return "Missing statement block in switch statement clause."
	case "MultipleSwitchDefaultClauses":
		return "A switch statement can have only one default clause."
	case "MissingTryStatementBlock":
		return "The Try statement is missing its statement block."
	case "MissingCatchOrFinally":
		return "The Try statement is missing its Catch or Finally block."
	case "MissingCatchHandlerBlock":
		return "The Catch block is missing its statement block."
	case "MissingFinallyStatementBlock":
		return "The Finally block is missing its statement block."
	case "MissingTypeLiteralToken":
		return "Missing type literal."
	case "MissingTrapStatement":
		return "The 'trap' statement was incomplete. A trap statement requires a body."
	case "MissingNameAfterKeyword":
		return "Missing name after {0} keyword."
	case "MissingFunctionBody":
		return "Missing function body in function declaration."
	case "MissingEndParenthesisInFunctionParameterList":
		return "Missing ')' in function parameter list."
	case "InvalidFunctionParameter":
		return "Parameter declarations are a comma-separated list of variable names with optional initializer expressions."
	case "OnlyOneParameterListAllowed":
		return "The param statement cannot be used if arguments were specified in the function declaration."
	case "DuplicateFormalParameter":
		return "Duplicate parameter ${0} in parameter list."
	case "TypeNotAllowedBeforeParam":
		return "Unexpected type [{0}] was found in the parameter statement."
	case "MissingTypeBody":
		return "Missing '{0}' body in '{0}' declaration."
	case "MissingMethodParameterList":
		return "Missing '(' in class method parameter list."
	case "MissingBaseCtorCall":
		return "Missing 'base' after ':' in a base class constructor call."
	case "MissingTypename":
		return "Missing type name after '['."
	case "UsingMustBeAtStartOfScript":
		return "A 'using' statement must appear before any other statements in a script."
	case "ControlLeavingFinally":
		return "Flow of control cannot leave a Finally block."
	case "MissingStatementTerminator":
		return "Missing a newline or semicolon."

	// classes and using statements
	case "DuplicateQualifier":
		return "Duplicate '{0}' qualifier"
	case "IncompleteMemberDefinition":
		return "Missing a property name or method definition."
	case "MissingPropertyTerminator":
		return "Missing ';' or end-of-line in property definition."
	case "TooManyTypes":
		return "Only one type may be specified on class members."
	case "TypeNameExpected":
		return "Type name expected."
	case "InvalidValueForUsingItemName":
		return "'{0}' is not a valid value for using name."
	case "UsingStatementNotSupported":
		return "This syntax of the 'using' statement is not supported."
	case "InvalidNamespaceValue":
		return "The specified namespace in the 'using' statement contains invalid characters."
	case "ParamBlockNotAllowedInMethod":
		return "A param block is not allowed in a class method."
	case "NamedBlockNotAllowedInMethod":
		return "A named block is not allowed in a class method."
	case "ConstructorCantHaveReturnType":
		return "A constructor cannot specify a return type."
	case "MultipleTypeConstraintsOnMethodParam":
		return "Multiple type constraints are not allowed on a method parameter."
	case "MemberAlreadyDefined":
		return "The member '{0}' is already defined."
	// the checks of classes (SymbolResolver.cs, SemanticChecks.cs, PSType.cs)
	case "LabelNotFound":
		return "Label '{0}' not found inside the method."
	case "CycleInEnumInitializers":
		return "Cannot define enum because of a cycle in the initialization expressions."
	case "EnumeratorValueOutOfBounds":
		return "Enumerator value is either too large or too small for {0}."
	case "EnumeratorValueMustBeConstant":
		return "Enumerator value must be a constant value."
	case "InvalidUnderlyingType":
		return "'{0}' is not a valid underlying type for enums. Expected a builtin integral type (one of byte, sbyte, short, ushort, int, uint, long or ulong)"
	case "SubtypeArray":
		return "Invalid base type '{0}'. Base type cannot be an array."
	case "DuplicateKeyInHashLiteral":
		return "Duplicate keys '{0}' are not allowed in hash literals."
	case "ParameterAttributeArgumentNeedsToBeConstantOrScriptBlock":
		return "Attribute argument must be a constant or a script block."
	case "TypeCreationError":
		// the message of the exception of creating the type
		return "{0}"
	case "TypeNotAllowedForProperty":
		return "The type '{0}' is not allowed on a property."
	case "TypeNotAllowedForParameter":
		return "The type '{0}' is not allowed on a parameter."
	case "VoidTypeConstraintNotAllowed":
		return "[void] cannot be used as a parameter type, or on the left side of an assignment."
	case "SubtypeUnclosedGeneric":
		return "Invalid base type '{0}'. Base type cannot be a generic with unspecified parameters."
	case "InterfaceNameExpected":
		return "'{0}': Interface name expected."
	case "SealedBaseClass":
		return "Cannot inherit from sealed class '{0}'."
	case "BaseClassNoDefaultCtor":
		return "Base class '{0}' does not contain a parameterless constructor."
	case "StaticConstructorCantHaveParameters":
		return "A static constructor cannot have any parameters."
	case "TypeNotFound":
		return "Unable to find type [{0}]."
	case "CustomAttributeTypeNotFound":
		return "Cannot find the type for custom attribute '{0}'. Make sure that the assembly that contains this type is loaded."
	case "VoidMethodHasReturn":
		return "Invalid return statement within void method."
	case "NonVoidMethodMissingReturnValue":
		return "Invalid return statement within non-void method."
	case "MethodHasCodePathNotReturn":
		return "Not all code path returns value within method."
	case "VariableNotLocal":
		return "Variable is not assigned in the method."
	case "NonStaticMemberAccessInStaticMember":
		return "Cannot access the non-static member '{0}' in a static method or initializer of a static property."
	case "MissingThis", "MissingTypeInStaticPropertyAssignment":
		return "Cannot assign property, use '{0}{1}'."
	case "AttributeNotAllowedOnDeclaration":
		return "Attribute '{0}' is not valid on this declaration. It is valid on '{1}' declarations only."
	case "PropertyNotFoundForAttribute":
		return "Property '{0}' cannot be found for attribute '{1}'. Specify one of the following properties: {2}."
	case "ReadOnlyProperty":
		return "'{0}' is a ReadOnly property."
	case "ParameterAttributeArgumentNeedsToBeConstant":
		return "Attribute argument must be a constant."
	case "MethodCountCouldNotFindBest":
		return "Cannot find an overload for \"{0}\" and the argument count: \"{1}\"."
	case "CannotConvertValue":
		return "Cannot convert the value to type \"{0}\"."
	case "DscResourceMissingKeyProperty":
		return "The DSC resource '{0}' must have at least one key property (using the syntax [DscProperty(Key)].)"
	case "DscResourceMissingTestMethod":
		return "The DSC resource '{0}' is missing a Test method that returns [bool] and accepts no parameters."
	case "DscResourceMissingGetMethod":
		return "The DSC resource '{0}' is missing a Get method that returns [{0}] and accepts no parameters."
	case "DscResourceInvalidGetMethod":
		return "Invalid Get method. Get method must return [{0}] and accepts no parameters."
	case "DscResourceMissingSetMethod":
		return "The DSC resource '{0}' is missing a Set method that returns [void] and accepts no parameters."
	case "DscResourceMissingDefaultConstructor":
		return "The DSC resource '{0}' has no default constructor."
	case "DscResourceInvalidKeyProperty":
		return "Invalid key property. The key property must be of [string], signed/unsigned integer, or Enum types."
	case "UnexpectedUnaryOperator":
		return "Internal error - unexpected unary operator {0}."
	case "MissingEqualsInUsingAlias":
		return "Missing '=' operator"
	case "MissingNamespaceAlias":
		return "Missing namespace alias"
	case "MissingUsingItemName":
		return "Missing using name"
	case "MissingUsingStatementDirective":
		return "Missing using directive"

	// limits
	case "NestingTooDeep":
		return "The script nests brackets, braces or parentheses more than {0} levels deep."

	// DSC configurations
	case "MissingConfigurationName":
		return "The name for the configuration is missing. Provide the missing name as a simple name, string, or string-valued expression."
	case "MissingCurlyInConfigurationStatement":
		return "Missing '{' in configuration statement."
	case "InvalidConfigurationName":
		return "The configuration name '{0}' is not valid. Standard names may only contain letters (a-z, A-Z), numbers (0-9), period (.), hyphen (-) and underscore (_). The name may not be null or empty, and should start with a letter."
	case "MissingBraceInObjectDefinition":
		return "Missing '{' in object definition."

	// data sections
	case "MissingStatementBlockForDataSection":
		return "The Data section is missing its statement block."
	case "InvalidParameterForDataSectionStatement":
		return "The \"{0}\" parameter of the Data section is not valid. The valid Data section parameter is SupportedCommand."
	case "MissingValueForSupportedCommandInDataSectionStatement":
		return "The SupportedCommand parameter of the Data section is missing a value. Supply a cmdlet or function name to the parameter."

	// pipelines and commands
	case "EmptyPipeElement":
		return "An empty pipe element is not allowed."
	case "ExpressionsMustBeFirstInPipeline":
		return "Expressions are only allowed as the first element of a pipeline."
	case "EmptyPipelineChainElement":
		return "A pipeline chain operator must be followed by a pipeline."
	case "BackgroundOperatorInPipelineChain":
		return "Background operators can only be used at the end of a pipeline chain."
	case "MissingExpression":
		return "Missing expression after '{0}' in pipeline element."
	case "MissingArgument":
		return "Missing argument in parameter list."
	case "ParameterRequiresArgument":
		return "Parameter {0} requires an argument."
	case "MissingFileSpecification":
		return "Missing file specification after redirection operator."
	case "RedirectionNotSupported":
		return "The '{0}' operator is reserved for future use."
	case "StreamAlreadyRedirected":
		return "The {0} for this command is already redirected."
	case "SplattingNotPermitted":
		return "The splatting operator '@' cannot be used to reference variables in an expression. '@{0}' can be used only as an argument to a command. To reference variables in an expression use '${0}'."

	// expressions
	case "ExpectedValueExpression":
		return "You must provide a value expression following the '{0}' operator."
	case "MissingExpressionAfterOperator":
		return "Missing expression after unary operator '{0}'."
	case "MissingExpressionAfterToken":
		return "Missing expression after '{0}'."
	case "MissingColonInTernaryExpression":
		return "Missing ':' in the ternary expression."
	case "InvalidLeftHandSide":
		return "The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property."
	case "ExpectedExpression":
		return "An expression was expected after '('."
	case "MissingEndParenthesisInExpression":
		return "Missing closing ')' in expression."
	case "MissingEndParenthesisInSubexpression":
		return "Missing closing ')' in subexpression."
	case "MissingEndParenthesisInMethodCall":
		return "Missing ')' in method call."
	case "MissingArrayIndexExpression":
		return "Array index expression is missing or not valid."
	case "MissingEndSquareBracket":
		return "Missing ']' after array index expression."
	case "MissingPropertyName":
		return "Missing property name after reference operator."
	case "MissingEqualsInHashLiteral":
		return "Missing '=' operator after key in hash literal."
	case "MissingStatementInHashLiteral":
		return "Missing statement after '=' in hash literal."
	case "UnexpectedAttribute":
		return "Unexpected attribute '{0}'."
	case "EndSquareBracketExpectedAtEndOfAttribute":
		return "Missing ] at end of attribute or type literal."
	case "EndSquareBracketExpectedAtEndOfType":
		return "Missing ] at end of type token."
	case "MissingExpressionInNamedArgument":
		return "Missing statement after '=' in named argument."
	case "DuplicateNamedArgument":
		return "Duplicate named arguments '{0}' are not allowed."
	case "ArrayHasTooManyDimensions":
		return "The array has too many dimensions: {0}. The number of dimensions for an array must be less than or equal to 32."
	case "ReferenceNeedsToBeByItselfInTypeSequence":
		return "Cannot have two occurrences of [ref] in a type sequence."
	case "ReferenceNeedsToBeByItselfInTypeConstraint":
		return "Cannot use [ref] with other types in a type constraint."
	case "ReferenceNeedsToBeLastTypeInTypeConversion":
		return "[ref] can only be the final type in type conversion sequence."
	case "OrderedAttributeOnlyOnHashLiteralNode":
		return "The {0} attribute can be specified only on a hash literal node."

	// tokens
	case "TerminatorExpectedAtEndOfString":
		return "The string is missing the terminator: {0}."
	case "IncompleteString":
		return "Incomplete string token."
	case "MissingTerminatorMultiLineComment":
		return "The terminator '#>' is missing from the multiline comment."
	case "UnexpectedCharactersAfterHereStringHeader":
		return "No characters are allowed after a here-string header but before the end of the line."
	case "WhitespaceBeforeHereStringFooter":
		return "White space is not allowed before the string terminator."
	case "BadNumericConstant":
		return "The numeric constant {0} is not valid."
	case "UnrecognizedToken":
		return "Unrecognized token in source text."
	case "InvalidVariableReference":
		return "Variable reference is not valid. '$' was not followed by a valid variable name character. Consider using ${} to delimit the name."
	case "InvalidVariableReferenceWithDrive":
		return "Variable reference is not valid. ':' was not followed by a valid variable name character. Consider using ${} to delimit the name."
	case "InvalidBracedVariableReference":
		return "Variable reference is not valid. The variable name is missing."
	case "EmptyVariableReference":
		return "An empty ${} variable reference was found. A name is required inside the braces."
	case "IncompleteDollarVariableReference":
		return "${{variable}} reference starting is missing the closing '}}'."
	case "IncompleteDollarSubexpressionReference":
		return "$(subexpression) is missing the closing ')'."
	case "InvalidUnicodeEscapeSequence":
		return "The Unicode escape sequence is not valid. A valid sequence is `u{ followed by one to six hex digits and a closing '}'."
	case "MissingUnicodeEscapeSequenceTerminator":
		return "The Unicode escape sequence is missing the closing '}'."
	case "TooManyDigitsInUnicodeEscapeSequence":
		return "The Unicode escape sequence contains more than the maximum of six hex digits between braces."
	case "InvalidUnicodeEscapeSequenceValue":
		return "The Unicode escape sequence value is out of range. The maximum value is 0x10FFFF."
	case "ScriptTooComplicated":
		return "Processing was stopped because the script is too complex."
	}
	return ""
}
