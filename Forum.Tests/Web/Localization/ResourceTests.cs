using System.Text.RegularExpressions;
using System.Xml.Linq;
using Forum.Core.Complaints;

namespace Forum.Tests.Web.Localization;

public partial class ResourceTests
{
    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(RepositoryRoot.Path, "Forum.Web", "Resources", file)).Root!
            .Elements("data").ToDictionary(e => (string)e.Attribute("name")!, e => (string)e.Element("value")!);

    private static readonly Dictionary<string, string> English = Load("SharedResource.resx");
    private static readonly Dictionary<string, string> Chinese = Load("SharedResource.zh-CN.resx");

    [Fact]
    public void BothLanguages_HaveTheSameKeys()
    {
        Assert.Empty(English.Keys.Except(Chinese.Keys));
        Assert.Empty(Chinese.Keys.Except(English.Keys));
    }

    [Fact]
    public void BothLanguages_UseTheSamePlaceholders()
    {
        foreach (var (key, english) in English)
        {
            Assert.True(Placeholders(english).SetEquals(Placeholders(Chinese[key])), $"{key}: '{english}' vs '{Chinese[key]}'");
            Assert.False(string.IsNullOrWhiteSpace(Chinese[key]), key);
        }
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\b(?:L|localizer)\[""(?<key>[A-Za-z]+)""[,\]]")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(@"\b(?:L|localizer)\[""(?<prefix>[A-Za-z]+)"" \+ (?<expr>[A-Za-z.]+)(?: \+ ""(?<suffix>[A-Za-z]+)"")?")]
    private static partial Regex PrefixedKey();

    [Fact]
    public void EveryKeyTheComponentsUse_Exists()
    {
        var web = Path.Combine(RepositoryRoot.Path, "Forum.Web");
        var sources = Directory.GetFiles(web, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(web, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
            .Select(File.ReadAllText).ToList();

        var literal = sources.SelectMany(s => LiteralKey().Matches(s)).Select(m => m.Groups["key"].Value).Distinct().ToList();
        Assert.True(literal.Count > 30, "the scan for L[\"…\"] found too few keys");
        Assert.All(literal, k => Assert.True(English.ContainsKey(k), $"no string for key {k}"));

        // Keys built from a prefix and an enum name: every enum value needs its string.
        var enumNames = new Dictionary<string, IEnumerable<string>>
        {
            ["Status"] = Enum.GetNames<ThreadStatus>(),
            ["Timeline"] = Enum.GetNames<TimelineEntryKind>(),
            ["FilterProblem"] = Enum.GetNames<FilterProblemKind>(),
            ["Deadline"] = Enum.GetNames<Forum.Core.Escalation.EscalationRung>(),
            ["Refusal"] = Enum.GetNames<Forum.Web.Complaints.PostingRefusal>(),
            ["StaffRefusal"] = Enum.GetNames<Forum.Web.Moderation.StaffRefusal>(),
            ["StaffDone"] = [.. Forum.Web.Moderation.StaffNotices.Acts],
            ["StaffRung"] = Enum.GetNames<Forum.Core.Escalation.EscalationRung>(),
            ["RatingOption"] = ["1", "2", "3", "4", "5"],
            ["Score"] = Enum.GetNames<Forum.Web.Briefing.ScoreSort>(),
            ["QueueView"] = Enum.GetNames<Forum.Web.Components.Moderation.LiveQueue.QueueView>(),
            ["AuditAction"] = Forum.Web.Moderation.AuditFormatter.Actions,
            ["AuditProblem"] = Enum.GetNames<Forum.Web.Moderation.AuditFilter>(),
            ["ReportReason"] = Enum.GetNames<Forum.Core.Moderation.ReportReason>(),
            ["SearchProblem"] = Enum.GetNames<Forum.Core.Search.SearchProblem>(),
            ["Reported"] = Enum.GetNames<Forum.Core.Moderation.ReportOutcome>(),
            ["Role"] = [.. Forum.Core.Accounts.ForumRoles.All, "Community"],
            ["RecipientRole"] = Enum.GetNames<Forum.Core.Escalation.RecipientRole>(),
            ["Confirm"] = Enum.GetNames<Forum.Web.Accounts.ConfirmOutcome>(),
            ["NotificationState"] = Enum.GetNames<Forum.Core.Mail.NotificationState>(),
            ["IntakeDeadline"] = Enum.GetNames<Forum.Core.Escalation.EscalationRung>(),
            ["NotifySwitch"] = Forum.Core.Notifications.NotificationKinds.HomeownerKinds,
            ["UpdateLead"] = [Forum.Core.Mail.NotificationRoles.Author, Forum.Core.Mail.NotificationRoles.CoSigner, Forum.Core.Mail.NotificationRoles.Follower],
            ["Identity"] = ["PasswordTooShort", "PasswordRequiresDigit", "PasswordRequiresLower", "PasswordRequiresUpper", "PasswordRequiresNonAlphanumeric", "PasswordMismatch", "InvalidToken", "InvalidEmail", "ConcurrencyFailure", "DefaultError"],
            ["AccountMailSubject"] = Enum.GetNames<Forum.Web.Accounts.AccountMail>(),
            ["AccountMailBody"] = Enum.GetNames<Forum.Web.Accounts.AccountMail>(),
            ["AccountMailButton"] = Enum.GetNames<Forum.Web.Accounts.AccountMail>(),
            ["Error"] = ["Required", "TooShort", "TooLong", "Phone", "ProjectNotInCompany", "Expired", "Email", "PasswordsDiffer", "LinkInvalid", "Slug", "Taken", "RoleNotForCompany", "OutboxAlreadySent", .. Enum.GetNames<Forum.Core.Photos.PhotoProblem>().Select(p => "Photo" + p)],
        };
        var uses = sources.SelectMany(s => PrefixedKey().Matches(s)).Select(m => (Prefix: m.Groups["prefix"].Value, Suffix: m.Groups["suffix"].Value)).Distinct().ToList();
        Assert.Equal(enumNames.Keys.Order(), uses.Select(u => u.Prefix).Distinct().Order());
        var missing = uses.SelectMany(u => enumNames[u.Prefix].Select(v => u.Prefix + v + u.Suffix)).Where(k => !English.ContainsKey(k)).ToList();
        Assert.Empty(missing);
    }
}
