// Package join holds the rules that decide whether a participant gets into
// a meeting: pure functions of a tenant, a clock and a question, which
// return an answer with the outcome, the one setting that decided it, the
// reasons and the warnings. It reads like the reference
// anonymous-join-rules.md, one file for each part of it:
//
//   - question.go: the inputs and the output ([Question], [Answer]) and
//     [Evaluator], which shares one answer among organizers who ask the
//     same question under the same effective policy;
//   - policy.go: the organizer's effective policy (direct assignment, best
//     group rank, tenant-wide grant, Global), shared with the directory
//     cmdlets through [Resolver];
//   - teams.go: the Teams rules 1 to 6, one function each;
//   - skype.go: the Skype for Business Server rules 1 to 5;
//   - external.go: section A of external-and-app-rules.md, a person
//     signed in to another organization: whether the person joins as
//     External or counts as Anonymous (federation configuration, the
//     organizer's effective ExternalAccessPolicy, the other side), and the
//     External lobby;
//   - explain.go: the reasons (each value read and the script line that last
//     set it) and the warning about changes younger than 24 hours;
//   - manifest.go: the Teams app manifest as the app rules read it
//     ([ParseManifest]: manifest.json or an app package);
//   - apps.go: section B of external-and-app-rules.md, apps in meetings
//     for anonymous participants ([EvaluateApp]);
//   - facts.go: the facts a rule rests on ([BypassesLobby],
//     [PasscodePathOpen]) for other packages to ask, such as lint.
//
// The package imports the tenant model and nothing of the interpreter.
package join
