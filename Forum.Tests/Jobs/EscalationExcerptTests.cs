using Forum.Core.Escalation;
using Forum.Core.Mail;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Jobs;

/// <summary>
/// Escalation mails quote the complaint's first lines, masked as the public page masks them, through the real sweep,
/// the real outbox and a real SMTP server.
/// </summary>
public class EscalationExcerptTests
{
    private static readonly DateTimeOffset Posted = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SweepAndDeliver_ComplaintWithPhoneAndEmail_MailQuotesFirstLinesMasked()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Posted);
        var thread = await world.ThreadAsync(Posted.UtcDateTime, "卫生间漏水");
        const string body = "卫生间天花板漏水三天了。\n请联系我 １３８１２３４５６７８ 或 owner.li@example.com\n\n物业一直说等等。\n第四行<b>不是标签</b>\n第五行不应出现";
        await world.Data.ExecuteAsync("UPDATE Threads SET Body = @Body WHERE Id = @Id", new { Body = body, Id = thread });
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);

        time.Advance(TimeSpan.FromHours(3));
        await node.Get<EscalationSweeper>().SweepAsync(TestContext.Current.CancellationToken);
        await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        var mail = smtp.Received();
        Assert.Equal(2, mail.Count);
        foreach (var message in mail)
        {
            Assert.Contains("> 卫生间天花板漏水三天了。", message.Text);
            Assert.Contains("> 请联系我 138****5678 或 o***@example.com", message.Text);
            Assert.Contains("> 第四行<b>不是标签</b>…", message.Text);
            Assert.DoesNotContain("第五行", message.Text);
            Assert.DoesNotContain("１２３４", message.Text);
            Assert.DoesNotContain("owner.li", message.Text);
            Assert.Contains("<blockquote", message.Html);
            Assert.Contains("第四行&lt;b&gt;不是标签&lt;/b&gt;…", message.Html);
            Assert.DoesNotContain("１２３４", message.Html);
            Assert.DoesNotContain("owner.li", message.Html);
        }
    }
}
