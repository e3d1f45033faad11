package parser

import "strings"

// knownTypeNames are the type names (in lower case, with spaces around
// each) that name a type without a namespace: PowerShell's type
// accelerators (TypeAccelerators.cs), the types of the System namespace,
// and the short names the emulator resolves.
const knownTypeNames = ` adsi adsisearcher alias allowemptycollection allowemptystring allownull argumentcompleter
 argumentcompletions array bigint bool byte char cimclass cimconverter ciminstance cimsession cimtype cmdletbinding
 cultureinfo datetime decimal double dsclocalconfigurationmanager dscproperty dscresource experimentaction experimental
 experimentalfeature float guid hashtable initialsessionstate int int16 int32 int64 ipaddress ipendpoint long mailaddress
 norunspaceaffinity nullstring objectsecurity ordered outputtype parameter physicaladdress powershell pscredential
 pscustomobject psdefaultvalue pslistmodifier psmoduleinfo psnoteproperty psobject psprimitivedictionary psaliasproperty
 psscriptmethod psscriptproperty pstypename pstypenameattribute psvariable psvariableproperty ref regex runspace
 runspacefactory sbyte scriptblock securestring semver short single string supportswildcards switch timespan type uint
 uint16 uint32 uint64 ulong uri ushort validatecount validatedrive validatelength validatenotnull validatenotnullorempty
 validatenotnullorwhitespace validatepattern validaterange validatescript validateset validatetrusteddata
 validateuserdrive version void wildcardpattern wmi wmiclass wmisearcher x500distinguishedname x509certificate x509store
 xml hidden
 object boolean char double single decimal datetime datetimeoffset dateonly timeonly timespan timezone timezoneinfo guid
 math mathf convert console environment random bitconverter buffer gc activator appdomain nullable tuple valuetuple lazy
 func action predicate comparison converter eventhandler eventargs idisposable icomparable iequatable iformattable
 icloneable iconvertible iserviceprovider iasyncresult asynccallback stringcomparison stringcomparer stringsplitoptions
 dayofweek datetimekind delegate multicastdelegate marshalbyrefobject half int128 uint128 intptr uintptr dbnull
 base64formattingoptions midpointrounding platformid operatingsystem environmentvariabletarget consolecolor consolekey
 consolekeyinfo consolemodifiers span readonlyspan memory readonlymemory index range valuetype charenumerator
 arraysegment weakreference enum attribute attributetargets attributeusageattribute flagsattribute obsoleteattribute
 serializableattribute nonserializedattribute clscompliantattribute paramarrayattribute stathreadattribute
 mtathreadattribute threadstaticattribute contextstaticattribute loaderoptimizationattribute
 exception systemexception applicationexception argumentexception argumentnullexception argumentoutofrangeexception
 invalidoperationexception notimplementedexception notsupportedexception formatexception indexoutofrangeexception
 nullreferenceexception dividebyzeroexception overflowexception invalidcastexception timeoutexception
 unauthorizedaccessexception objectdisposedexception operationcanceledexception aggregateexception
 stackoverflowexception outofmemoryexception platformnotsupportedexception rankexception arraytypemismatchexception
 arithmeticexception missingmethodexception missingmemberexception missingfieldexception memberaccessexception
 methodaccessexception fieldaccessexception typeloadexception entrypointnotfoundexception dllnotfoundexception
 badimageformatexception invalidprogramexception contextmarshalexception datamisalignedexception
 insufficientexecutionstackexception insufficientmemoryexception typeinitializationexception uriformatexception
 notfinitenumberexception timezonenotfoundexception invalidtimezoneexception multicastnotsupportedexception
 duplicatewaitobjectexception accessviolationexception cannotunloadappdomainexception appdomainunloadedexception
 executionengineexception fieldaccessexception typeaccessexception typeunloadedexception
 uribuilder urikind uripartial urihostnametype uricomponents uriformat uritemplate gcmemoryinfo gccollectionmode
 string int32 int64 uint32 uint64 int16 uint16 byte sbyte boolean array type void exception iobservable iobserver
 iprogress progress stringnormalizationextensions normalizationform hashcode appcontext binarydata
 arraylist errorrecord runtimeexception stringbuilder psobject actionpreference list dictionary hashset sortedset
 sorteddictionary sortedlist queue stack linkedlist keyvaluepair ienumerable icollection ilist idictionary ienumerator
 ireadonlylist ireadonlycollection ireadonlydictionary iset ordereddictionary psreference switchparameter
 errorcategory pscmdlet cmdlet psinvalidcastexception itemnotfoundexception commandnotfoundexception
 parameterbindingexception actionpreferencestopexception methodinvocationexception validationmetadataexception
 pspropertyinfo psmemberinfo psmethodinfo psnotepropertyinfo pspathinfo pathinfo providerinfo psdriveinfo
 commandinfo functioninfo cmdletinfo aliasinfo applicationinfo externalscriptinfo scriptinfo invocationinfo
 callstackframe warningrecord verboserecord debugrecord informationrecord progressrecord psdatacollection
 pscustomobject psstyle pstypenameattribute psmoduleinfo psvariable wildcardoptions outputrendering progressview
 sessionstate engineintrinsics pshost psdebugcontext breakpoint confirmimpact remotingcapability
 validatearguments validateenumeratedarguments argumenttransformationattribute
 `

// knownTypeName reports whether a lower-case name without a namespace
// names a type.
func knownTypeName(name string) bool {
	if name == "" || strings.ContainsAny(name, " \t\n") {
		return false
	}
	return strings.Contains(knownTypeNames, " "+name+" ") || strings.Contains(knownTypeNames, "\n "+name+" ") || strings.Contains(knownTypeNames, " "+name+"\n")
}
