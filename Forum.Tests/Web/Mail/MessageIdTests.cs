using Forum.Web.Mail;
using MimeKit.Utils;

namespace Forum.Tests.Web.Mail;

/// <summary>
/// New Message-IDs sort by the time they were made, so the outbox's unique index takes a sweep's rows at its end; they
/// stay unique and valid in a header.
/// </summary>
public class MessageIdTests
{
    private const string From = "论坛 <noreply@forum.example.com>";

    [Fact]
    public void NewMessageId_MadeLater_SortsAfter()
    {
        var start = new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc);

        var ids = Enumerable.Range(0, 1000).Select(i => MimeMessages.NewMessageId(From, start.AddMilliseconds(i))).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NewMessageId_SameInstant_StaysUnique()
    {
        var at = new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc);

        var ids = Enumerable.Range(0, 10_000).Select(_ => MimeMessages.NewMessageId(From, at)).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void NewMessageId_InTheSendersDomain_ParsesAsAMessageId()
    {
        var id = MimeMessages.NewMessageId(From);

        Assert.EndsWith("@forum.example.com", id, StringComparison.Ordinal);
        Assert.Equal(id, MimeUtils.ParseMessageId("<" + id + ">"));
    }
}
