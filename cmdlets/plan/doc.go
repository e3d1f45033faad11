// Package plan tells what a script changed in a tenant and whose meetings
// behave differently for anonymous participants because of it: the
// changes between two tenants (grouped by object, each traced to the
// script lines that made it), the impact on Test-AnonymousJoin's answers
// for every organizer, and the lint findings of the script. It renders a
// plan as text, JSON (a stable, documented schema) or markdown for a
// pull-request comment.
//
// The package compares tenants it is given; running the script on a copy
// of the tenant is the caller's (csemu plan), as is comparing two tenant
// files (csemu diff, Compare-EmuTenant).
package plan
