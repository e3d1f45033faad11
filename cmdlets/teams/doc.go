// Package teams holds the Microsoft Teams and Skype for Business cmdlets
// that csemu emulates, working on a tenant of package state: a [Holder]
// loads the tenant for one session, and [Holder.Options] registers the
// cmdlets with the interpreter.
//
//   - cs_registry.go: the cmdlets, from the generated parameter table
//     (cs_params_gen.go, made by internal/gencs from
//     state/reference/cmdlets.json with go generate) and the handlers of
//     each family; the modules and the connection cmdlets.
//   - cs_objects.go, cs_grant.go: the policy and configuration families
//     (Get-, Set-, New-, Remove-, Grant-), one path for group assignments.
//   - cs_federation.go: federation and Skype for Business Server domains.
//   - cs_directory.go: users, groups, assignments and csemu's own
//     directory cmdlets (New-EmuUser, Get-EmuChange, ...).
//   - whatif.go: Test-AnonymousJoin, a thin cmdlet over package join;
//     whatif_apps.go: Test-AnonymousAppAccess, likewise.
//   - appcentric.go: the app-centric management cmdlets
//     (Get-/Update-M365TeamsApp, Get-/Update-M365UnifiedTenantSettings)
//     and the app permission policies' catalogue lists.
//   - emu_import.go: Import-EmuTenant and Export-EmuTenant over package
//     tenantio; emu_compare.go: Compare-EmuTenant over package plan.
//   - tenant.go: the holder, stored values to and from PowerShell values,
//     identities and documented values.
//   - complete.go, help.go: what the prompt completes and what Get-Help
//     shows for these cmdlets, set on them when they are registered.
package teams
