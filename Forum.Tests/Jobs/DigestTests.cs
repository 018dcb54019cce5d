using Forum.Core.Mail;
using Forum.Data.Demo;
using Forum.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Jobs;

/// <summary>The morning digest against a real SMTP server: once per recipient per day, the chart inline.</summary>
public class DigestTests
{
    [Fact]
    public async Task Digest_RunTwiceAndLate_SendsOnePerRecipientPerDay_WithTheChartInline()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 5, 0, TimeSpan.Zero)); // 08:05 in Shanghai
        await new DemoDataSeeder(test.Database, time).SeedIfEmptyAsync(TestContext.Current.CancellationToken);
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);

        async Task<int> RunAsync()
        {
            using var scope = node.Get<IServiceProvider>().CreateScope();
            return await scope.ServiceProvider.GetRequiredService<SendDigestJob>().RunAsync(TestContext.Current.CancellationToken);
        }

        var first = await RunAsync();
        time.Advance(TimeSpan.FromHours(3)); // a late second run the same morning
        var second = await RunAsync();
        await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromDays(1));  // the next morning is a new digest
        var nextDay = await RunAsync();

        Assert.Equal((3, 0, 3), (first, second, nextDay));
        var mail = smtp.Received();
        Assert.Equal(["cco@example.com", "hq.cr@example.com", "president@example.com"], mail.Select(m => m.To).Order(StringComparer.Ordinal));
        var english = mail.Single(m => m.To == "cco@example.com");
        Assert.StartsWith("Morning briefing 11/23/2026:", english.Subject);
        Assert.Contains("cid:chart", english.Html);
        var chart = english.Message.BodyParts.OfType<MimeKit.MimePart>().Single(p => p.ContentId == "chart");
        Assert.Equal("image/png", chart.ContentType.MimeType);
        var chinese = mail.Single(m => m.To == "president@example.com");
        Assert.StartsWith("晨间简报 2026/11/23：", chinese.Subject);
        Assert.Contains("深圳公司", chinese.Text);
        Assert.Contains("https://forum.test/threads/T-", chinese.Text);
    }

    [Fact]
    public async Task Compose_AComplaintPastBothDeadlines_CountsOnceInTheSubject_AndTheTextTableHasHeaders()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 5, 0, TimeSpan.Zero));
        await new DemoDataSeeder(test.Database, time).SeedIfEmptyAsync(TestContext.Current.CancellationToken);
        await using var node = new ForumHarness(test.Database, time);
        using var scope = node.Get<IServiceProvider>().CreateScope();
        var built = await scope.ServiceProvider.GetRequiredService<Forum.Web.Briefing.BriefingService>().BuildAsync(null, TestContext.Current.CancellationToken);
        var late = Assert.IsType<Forum.Web.Briefing.OverdueThread>(built.PastReply.Concat(built.PastSolution).First());
        var model = built with
        {
            NewThreads = [],
            PastReply = [late with { Rung = Forum.Core.Escalation.EscalationRung.FirstResponse }],
            PastSolution = [late with { Rung = Forum.Core.Escalation.EscalationRung.Solution }],
        };
        var recipient = new Forum.Core.Escalation.Recipient(7, 1, Forum.Core.Escalation.RecipientRole.Executive, "CCO", "cco@example.com", "en");

        var message = node.Get<Forum.Web.Briefing.DigestComposer>().Compose(model, new DateOnly(2026, 11, 23), recipient, null);

        Assert.Equal("Morning briefing 11/23/2026: 0 new, 1 past a deadline", message.Subject);
        var lines = message.TextBody.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.FindIndex(l => l.StartsWith("Company ", StringComparison.Ordinal));
        Assert.True(header > 0, message.TextBody);
        Assert.Matches(@"^Company +\| New +\| Open +\| Answered within 3 h +\| .+$", lines[header]);
        Assert.Matches(@"^-+-\+-[-+]+$", lines[header + 1]);
        Assert.Equal(model.Companies.Count, lines.Skip(header + 2).TakeWhile(l => l.Length > 0).Count());
        // Columns line up: every row puts its separators where the header does (a Chinese character is two columns).
        var columns = lines.Skip(header + 2).Take(model.Companies.Count).Prepend(lines[header])
            .Select(l => Forum.Web.Briefing.PlainTextTable.Width(l[..l.IndexOf(" | ", StringComparison.Ordinal)]));
        Assert.Single(columns.Distinct());
    }
}
