using Forum.Core.Complaints;
using Forum.Data.Complaints;

namespace Forum.Tests.Data.Complaints;

public class ComplaintWriterTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);

    private static async Task<(TestData Data, ComplaintWriter Writer, ValidComplaint Complaint, long Author)> ArrangeAsync(TestDatabase test)
    {
        var data = new TestData(test.Database);
        var company = await data.CompanyAsync("shenzhen");
        var project = await data.ProjectAsync(company);
        var author = await data.UserAsync();
        var complaint = new ValidComplaint(company, project, await data.CategoryIdAsync(), "卫生间漏水严重", "楼下天花板已泡坏。", "陈大文", "13812345678", "5栋1203", Guid.NewGuid().ToString("N"));
        return (data, new ComplaintWriter(test.Database, new Forum.Core.Escalation.EscalationPolicy(new Forum.Core.Escalation.EscalationOptions())), complaint, author);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task CreateThread_StoresThreadAndContactTogether_AndTheSameRequestTwiceIsOneThread(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var (data, writer, complaint, author) = await ArrangeAsync(test);

        var first = await writer.CreateThreadAsync(complaint, author, Now);
        var second = await writer.CreateThreadAsync(complaint, author, Now.AddSeconds(1));
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => writer.CreateThreadAsync(complaint with { RequestId = "same-request-id-1" }, author, Now)));

        Assert.Equal(first, second);
        Assert.Single(concurrent.Distinct());
        Assert.Equal(2, await data.ScalarAsync<int>("SELECT COUNT(*) FROM Threads"));
        Assert.Equal(2, await data.ScalarAsync<int>("SELECT COUNT(*) FROM ThreadContacts"));
        var row = (await data.QueryAsync<(string Status, DateTime EscalationDueAt, string Phone)>(
            "SELECT t.Status, t.EscalationDueAt, c.Phone FROM Threads t JOIN ThreadContacts c ON c.ThreadId = t.Id WHERE t.Id = @Id", new { Id = first })).Single();
        // The policy's first deadline, stored with the thread, and the record of the posting.
        Assert.Equal(("Open", Now.AddHours(3), "13812345678"), row);
        Assert.Equal(Now.AddHours(3), await data.ScalarAsync<DateTime>("SELECT DeadlineAt FROM Threads WHERE Id = @Id", new { Id = first }));
        Assert.Equal(1, await data.ScalarAsync<int>("SELECT COUNT(*) FROM ThreadEvents WHERE ThreadId = @Id AND Kind = 'Posted'", new { Id = first }));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Reply_CountsOnce_AndALockedThreadTakesNone(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var (data, writer, complaint, author) = await ArrangeAsync(test);
        var thread = await writer.CreateThreadAsync(complaint, author, Now);

        var a = await writer.AddHomeownerReplyAsync(thread, author, "还在漏", "reply-request-1", Now.AddMinutes(1));
        var b = await writer.AddHomeownerReplyAsync(thread, author, "还在漏", "reply-request-1", Now.AddMinutes(1));
        await data.ScalarAsync<int>("UPDATE Threads SET IsLocked = 1 WHERE Id = @Id", new { Id = thread });
        var locked = await writer.AddHomeownerReplyAsync(thread, author, "锁定后", "reply-request-2", Now.AddMinutes(2));

        Assert.NotNull(a);
        Assert.Equal(a, b);
        Assert.Null(locked);
        Assert.Equal(1, await data.ScalarAsync<int>("SELECT ReplyCount FROM Threads WHERE Id = @Id", new { Id = thread }));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task CoSign_OncePerPerson_AndMarksTheThreadForTheSweep(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var (data, writer, complaint, author) = await ArrangeAsync(test);
        var thread = await writer.CreateThreadAsync(complaint, author, Now);
        var neighbour = await data.UserAsync("邻居");
        await data.ScalarAsync<int>("UPDATE Threads SET EscalationDueAt = NULL WHERE Id = @Id", new { Id = thread });

        var first = await writer.CoSignAsync(thread, neighbour, Now.AddMinutes(5));
        var again = await writer.CoSignAsync(thread, neighbour, Now.AddMinutes(6));
        var missing = await writer.CoSignAsync(999_999, neighbour, Now);

        Assert.Equal(new CoSignResult(true, 1), first);
        Assert.Equal(new CoSignResult(false, 1), again);
        Assert.Null(missing);
        // The schedule is stored again: one co-sign is no group complaint, so the next check is the reply deadline.
        Assert.Equal(Now.AddHours(3), await data.ScalarAsync<DateTime>("SELECT EscalationDueAt FROM Threads WHERE Id = @Id", new { Id = thread }));
    }
}
