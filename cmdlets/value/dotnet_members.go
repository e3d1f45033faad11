package value

import "strings"

// The instance members of the .NET types csemu models, as .NET's API
// reference lists them (the .NET Standard 2.1 reference assemblies, with the
// later additions noted) and PowerShell's own types as its sources declare
// them. A script that reads or calls one of these members on a value of that
// type where csemu has no implementation gets a [NotImplemented] error that
// names it; a name that is no member of the type is $null, as in pwsh.
// Each list is space-separated and ends with a space.

// membersObject: System.Object, which every type has.
const membersObject = "" +
	"Equals GetHashCode GetType ToString "

// membersConvertible: IConvertible, which PowerShell exposes on strings, [char], [bool], [datetime] and numbers.
const membersConvertible = "" +
	"ToBoolean ToByte ToChar ToDateTime ToDecimal ToDouble ToInt16 ToInt32 ToInt64 ToSByte ToSingle " +
	"ToType ToUInt16 ToUInt32 ToUInt64 "

// membersString: System.String (Chars is its indexer).
const membersString = "" +
	"Chars Clone CompareTo Contains CopyTo EndsWith Equals GetEnumerator GetHashCode GetTypeCode IndexOf " +
	"IndexOfAny Insert IsNormalized LastIndexOf LastIndexOfAny Length Normalize PadLeft PadRight Remove " +
	"Replace Split StartsWith Substring ToCharArray ToLower ToLowerInvariant ToString ToUpper " +
	"ToUpperInvariant Trim TrimEnd TrimStart "

// membersArray: System.Array (PowerShell adds Count).
const membersArray = "" +
	"Clone CopyTo Count GetEnumerator GetLength GetLongLength GetLowerBound GetUpperBound GetValue " +
	"Initialize IsFixedSize IsReadOnly IsSynchronized Length LongLength Rank SetValue SyncRoot "

// membersArrayList: System.Collections.ArrayList.
const membersArrayList = "" +
	"Add AddRange BinarySearch Capacity Clear Clone Contains CopyTo Count GetEnumerator GetRange IndexOf " +
	"Insert InsertRange IsFixedSize IsReadOnly IsSynchronized Item LastIndexOf Remove RemoveAt " +
	"RemoveRange Reverse SetRange Sort SyncRoot ToArray TrimToSize "

// membersList: System.Collections.Generic.List`1.
const membersList = "" +
	"Add AddRange AsReadOnly BinarySearch Capacity Clear Contains ConvertAll CopyTo Count Exists Find " +
	"FindAll FindIndex FindLast FindLastIndex ForEach GetEnumerator GetRange IndexOf Insert InsertRange " +
	"Item LastIndexOf Remove RemoveAll RemoveAt RemoveRange Reverse Sort ToArray TrimExcess TrueForAll "

// membersCollection: System.Collections.ObjectModel.Collection`1.
const membersCollection = "" +
	"Add Clear Contains CopyTo Count GetEnumerator IndexOf Insert Item Remove RemoveAt "

// membersQueue: System.Collections.Generic.Queue`1.
const membersQueue = "" +
	"Clear Clone Contains CopyTo Count Dequeue Enqueue GetEnumerator IsSynchronized Peek SyncRoot ToArray " +
	"TrimExcess TrimToSize TryDequeue TryPeek "

// membersStack: System.Collections.Generic.Stack`1.
const membersStack = "" +
	"Clear Clone Contains CopyTo Count GetEnumerator IsSynchronized Peek Pop Push SyncRoot ToArray " +
	"TrimExcess TryPeek TryPop "

// membersHashSet: System.Collections.Generic.HashSet`1.
const membersHashSet = "" +
	"Add Clear Comparer Contains CopyTo Count EnsureCapacity ExceptWith GetEnumerator GetObjectData " +
	"IntersectWith IsProperSubsetOf IsProperSupersetOf IsSubsetOf IsSupersetOf OnDeserialization Overlaps " +
	"Remove RemoveWhere SetEquals SymmetricExceptWith TrimExcess TryGetValue UnionWith "

// membersHashtable: System.Collections.Hashtable.
const membersHashtable = "" +
	"Add Clear Clone Contains ContainsKey ContainsValue CopyTo Count GetEnumerator GetObjectData " +
	"IsFixedSize IsReadOnly IsSynchronized Item Keys OnDeserialization Remove SyncRoot Values "

// membersDictionary: System.Collections.Generic.Dictionary`2 (.NET 8).
const membersDictionary = "" +
	"Add Clear Comparer ContainsKey ContainsValue Count EnsureCapacity GetEnumerator GetObjectData Item " +
	"Keys OnDeserialization Remove TrimExcess TryAdd TryGetValue Values "

// membersSortedDictionary: System.Collections.Generic.SortedDictionary`2.
const membersSortedDictionary = "" +
	"Add Clear Comparer ContainsKey ContainsValue CopyTo Count GetEnumerator Item Keys Remove " +
	"TryGetValue Values "

// membersOrderedDictionary: System.Collections.Specialized.OrderedDictionary.
const membersOrderedDictionary = "" +
	"Add AsReadOnly Clear Contains CopyTo Count GetEnumerator GetObjectData Insert IsReadOnly Item Keys " +
	"OnDeserialization Remove RemoveAt Values "

// membersDateTime: System.DateTime (with .NET 7's Microsecond, Nanosecond, AddMicroseconds and Deconstruct).
const membersDateTime = "" +
	"Add AddDays AddHours AddMicroseconds AddMilliseconds AddMinutes AddMonths AddSeconds AddTicks " +
	"AddYears CompareTo Date Day DayOfWeek DayOfYear Deconstruct Equals GetDateTimeFormats GetHashCode " +
	"GetTypeCode Hour IsDaylightSavingTime Kind Microsecond Millisecond Minute Month Nanosecond Second " +
	"Subtract Ticks TimeOfDay ToBinary ToFileTime ToFileTimeUtc ToLocalTime ToLongDateString " +
	"ToLongTimeString ToOADate ToShortDateString ToShortTimeString ToString ToUniversalTime TryFormat " +
	"Year "

// membersTimeSpan: System.TimeSpan (with .NET 7's Microseconds, Nanoseconds, TotalMicroseconds and TotalNanoseconds).
const membersTimeSpan = "" +
	"Add CompareTo Days Divide Duration Equals GetHashCode Hours Microseconds Milliseconds Minutes " +
	"Multiply Nanoseconds Negate Seconds Subtract Ticks ToString TotalDays TotalHours TotalMicroseconds " +
	"TotalMilliseconds TotalMinutes TotalNanoseconds TotalSeconds TryFormat "

// membersGuid: System.Guid.
const membersGuid = "" +
	"CompareTo Equals GetHashCode ToByteArray ToString TryFormat TryWriteBytes "

// membersType: System.Type with System.Reflection.MemberInfo and TypeInfo, which a runtime type derives from.
const membersType = "" +
	"Assembly AssemblyQualifiedName AsType Attributes BaseType ContainsGenericParameters CustomAttributes " +
	"DeclaredConstructors DeclaredEvents DeclaredFields DeclaredMembers DeclaredMethods " +
	"DeclaredNestedTypes DeclaredProperties DeclaringMethod DeclaringType Equals FindInterfaces " +
	"FindMembers FullName GenericParameterAttributes GenericParameterPosition GenericTypeArguments " +
	"GenericTypeParameters GetArrayRank GetConstructor GetConstructors GetCustomAttributes " +
	"GetCustomAttributesData GetDeclaredEvent GetDeclaredField GetDeclaredMethod GetDeclaredMethods " +
	"GetDeclaredNestedType GetDeclaredProperty GetDefaultMembers GetElementType GetEnumName GetEnumNames " +
	"GetEnumUnderlyingType GetEnumValues GetEvent GetEvents GetField GetFields GetGenericArguments " +
	"GetGenericParameterConstraints GetGenericTypeDefinition GetHashCode GetInterface GetInterfaceMap " +
	"GetInterfaces GetMember GetMembers GetMethod GetMethods GetNestedType GetNestedTypes GetProperties " +
	"GetProperty GetType GUID HasElementType HasSameMetadataDefinitionAs ImplementedInterfaces " +
	"InvokeMember IsAbstract IsAnsiClass IsArray IsAssignableFrom IsAutoClass IsAutoLayout IsByRef " +
	"IsByRefLike IsClass IsCOMObject IsConstructedGenericType IsContextful IsDefined IsEnum IsEnumDefined " +
	"IsEquivalentTo IsExplicitLayout IsGenericMethodParameter IsGenericParameter IsGenericType " +
	"IsGenericTypeDefinition IsGenericTypeParameter IsImport IsInstanceOfType IsInterface " +
	"IsLayoutSequential IsMarshalByRef IsNested IsNestedAssembly IsNestedFamANDAssem IsNestedFamily " +
	"IsNestedFamORAssem IsNestedPrivate IsNestedPublic IsNotPublic IsPointer IsPrimitive IsPublic " +
	"IsSealed IsSecurityCritical IsSecuritySafeCritical IsSecurityTransparent IsSerializable " +
	"IsSignatureType IsSpecialName IsSubclassOf IsSZArray IsTypeDefinition IsUnicodeClass IsValueType " +
	"IsVariableBoundArray IsVisible MakeArrayType MakeByRefType MakeGenericType MakePointerType " +
	"MemberType MetadataToken Module Name Namespace ReflectedType StructLayoutAttribute ToString " +
	"TypeHandle TypeInitializer UnderlyingSystemType "

// membersVersion: System.Version.
const membersVersion = "" +
	"Build Clone CompareTo Equals GetHashCode Major MajorRevision Minor MinorRevision Revision ToString " +
	"TryFormat "

// membersUri: System.Uri.
const membersUri = "" +
	"AbsolutePath AbsoluteUri Authority DnsSafeHost Equals Fragment GetComponents GetHashCode GetLeftPart " +
	"Host HostNameType IdnHost IsAbsoluteUri IsBaseOf IsDefaultPort IsFile IsLoopback IsUnc " +
	"IsWellFormedOriginalString LocalPath MakeRelative MakeRelativeUri OriginalString PathAndQuery Port " +
	"Query Scheme Segments ToString UserEscaped UserInfo "

// membersCapture: System.Text.RegularExpressions.Capture.
const membersCapture = "" +
	"Index Length ToString Value ValueSpan "

// membersGroup: System.Text.RegularExpressions.Group (a Capture).
const membersGroup = "" +
	"Captures Name Success "

// membersGroupCollection: System.Text.RegularExpressions.GroupCollection
// (with .NET Core's Keys, Values, ContainsKey and TryGetValue; Item is its
// indexer, by number or name).
const membersGroupCollection = "" +
	"ContainsKey CopyTo Count GetEnumerator IsReadOnly IsSynchronized Item Keys SyncRoot TryGetValue Values "

// membersMatch: System.Text.RegularExpressions.Match (a Group).
const membersMatch = "" +
	"Groups NextMatch Result "

// membersRegex: System.Text.RegularExpressions.Regex.
const membersRegex = "" +
	"GetGroupNames GetGroupNumbers GroupNameFromNumber GroupNumberFromName IsMatch Match Matches " +
	"MatchTimeout Options Replace RightToLeft Split ToString "

// membersStringBuilder: System.Text.StringBuilder (Chars is its indexer).
const membersStringBuilder = "" +
	"Append AppendFormat AppendJoin AppendLine Capacity Chars Clear CopyTo EnsureCapacity Equals Insert " +
	"Length MaxCapacity Remove Replace ToString "

// membersException: System.Exception.
const membersException = "" +
	"Data GetBaseException GetObjectData GetType HelpLink HResult InnerException Message Source " +
	"StackTrace TargetSite ToString "

// membersNumber: the instance methods of the numeric types, [char] and [bool].
const membersNumber = "" +
	"CompareTo Equals GetHashCode GetTypeCode ToString TryFormat "

// membersDictionaryEntry: System.Collections.DictionaryEntry.
const membersDictionaryEntry = "" +
	"Deconstruct Key Value "

// membersErrorRecord: System.Management.Automation.ErrorRecord.
const membersErrorRecord = "" +
	"CategoryInfo ErrorDetails Exception FullyQualifiedErrorId GetObjectData InvocationInfo " +
	"PipelineIterationInfo ScriptStackTrace TargetObject ToString "

// membersErrorCategoryInfo: System.Management.Automation.ErrorCategoryInfo.
const membersErrorCategoryInfo = "" +
	"Activity Category GetMessage Reason TargetName TargetType ToString "

// membersInvocationInfo: System.Management.Automation.InvocationInfo.
const membersInvocationInfo = "" +
	"BoundParameters CommandOrigin DisplayScriptPosition ExpectingInput HistoryId InvocationName Line " +
	"MyCommand OffsetInLine PipelineLength PipelinePosition PositionMessage PSCommandPath PSScriptRoot " +
	"ScriptLineNumber ScriptName Statement UnboundArguments "

// membersScriptBlock: System.Management.Automation.ScriptBlock.
const membersScriptBlock = "" +
	"Ast Attributes CheckRestrictedLanguage DebuggerHidden File GetNewClosure GetPowerShell " +
	"GetSteppablePipeline Id Invoke InvokeReturnAsIs InvokeWithContext IsConfiguration IsFilter Module " +
	"StartPosition ToString "

// membersPSObject: the members PowerShell gives every object.
const membersPSObject = "" +
	"PSAdapted PSBase PSExtended PSObject PSTypeNames "

// memberLists returns the member lists of a .NET type name, most derived
// first, or nil for a type csemu keeps no list for.
func memberLists(typeName string) []string {
	switch typeName {
	case TString:
		return []string{membersString, membersConvertible, membersObject}
	case "System.Object[]", TArray:
		return []string{membersArray, membersObject}
	case TArrayList:
		return []string{membersArrayList, membersObject}
	case TList:
		return []string{membersList, membersObject}
	case TCollection:
		return []string{membersCollection, membersObject}
	case "System.Collections.Generic.Queue":
		return []string{membersQueue, membersObject}
	case "System.Collections.Generic.Stack":
		return []string{membersStack, membersObject}
	case THashSet:
		return []string{membersHashSet, membersObject}
	case THashtable:
		return []string{membersHashtable, membersObject}
	case TOrdered:
		return []string{membersOrderedDictionary, membersObject}
	case TDictionary:
		return []string{membersDictionary, membersObject}
	case TSortedDictionary:
		return []string{membersSortedDictionary, membersObject}
	case TDateTime:
		return []string{membersDateTime, membersConvertible, membersObject}
	case TTimeSpan:
		return []string{membersTimeSpan, membersObject}
	case TGuid:
		return []string{membersGuid, membersObject}
	case TType:
		return []string{membersType, membersObject}
	case TVersion:
		return []string{membersVersion, membersObject}
	case TUri:
		return []string{membersUri, membersObject}
	case "System.Text.RegularExpressions.Capture":
		return []string{membersCapture, membersObject}
	case "System.Text.RegularExpressions.Group":
		return []string{membersGroup, membersCapture, membersObject}
	case "System.Text.RegularExpressions.Match":
		return []string{membersMatch, membersGroup, membersCapture, membersObject}
	case TRegex:
		return []string{membersRegex, membersObject}
	case "System.Text.RegularExpressions.GroupCollection":
		return []string{membersGroupCollection, membersObject}
	case "System.Text.StringBuilder":
		return []string{membersStringBuilder, membersObject}
	case "System.Exception":
		return []string{membersException, membersObject}
	case TChar, TBool, TInt32, TInt64, TDouble, TDecimal, TSingle, TByte, TSByte, TInt16, TUInt16, TUInt32, TUInt64:
		return []string{membersNumber, membersConvertible, membersObject}
	case "System.Collections.DictionaryEntry":
		return []string{membersDictionaryEntry, membersObject}
	case TErrorRecord:
		return []string{membersErrorRecord, membersObject}
	case "System.Management.Automation.ErrorCategoryInfo":
		return []string{membersErrorCategoryInfo, membersObject}
	case "System.Management.Automation.InvocationInfo":
		return []string{membersInvocationInfo, membersObject}
	case TScriptBlock:
		return []string{membersScriptBlock, membersObject}
	}
	return nil
}

// DotNetMember reports whether member (any case) is an instance member of
// the .NET type typeName, or one of the members PowerShell gives every
// object; known is false when csemu keeps no member list for the type.
func DotNetMember(typeName, member string) (is, known bool) {
	lists := memberLists(typeName)
	if lists == nil {
		return false, false
	}
	if member == "" || strings.ContainsRune(member, ' ') {
		return false, true
	}
	for _, l := range append(lists, membersPSObject) {
		if containsWord(l, member) {
			return true, true
		}
	}
	return false, true
}

// containsWord reports whether the space-separated list holds w, ignoring
// case.
func containsWord(list, w string) bool {
	for len(list) > 0 {
		i := strings.IndexByte(list, ' ')
		if i < 0 {
			i = len(list)
		}
		if strings.EqualFold(list[:i], w) {
			return true
		}
		if i == len(list) {
			break
		}
		list = list[i+1:]
	}
	return false
}
