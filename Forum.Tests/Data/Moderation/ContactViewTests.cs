using Forum.Core.Accounts;
using Forum.Core.Complaints;
using Forum.Core.Moderation;
using Forum.Data.Complaints;
using Forum.Data.Moderation;

namespace Forum.Tests.Data.Moderation;

/// <summary>Views of private contact details are logged once per visit, through the real repository and writer.</summary>
public class ContactViewTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task RevealContact_WithinOneVisit_LogsOneViewAndOneAuditRow(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var (moderation, data, threadId, staff, colleague) = await ArrangeAsync(test);

        for (var i = 0; i < 5; i++)
        {
            var contact = await moderation.RevealContactAsync(threadId, staff, Now.AddMinutes(i * 30));
            Assert.Equal("13812345678", contact?.Phone);
        }

        await moderation.RevealContactAsync(threadId, colleague, Now.AddMinutes(10));

        Assert.Equal(1, await CountAsync(data, "ContactViews", threadId, staff.UserId));
        Assert.Equal(1, await CountAsync(data, "AuditLog", threadId, staff.UserId));
        Assert.Equal(1, await CountAsync(data, "ContactViews", threadId, colleague.UserId));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task RevealContact_AfterTheVisitEnds_LogsANewView(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var (moderation, data, threadId, staff, _) = await ArrangeAsync(test);

        await moderation.RevealContactAsync(threadId, staff, Now);
        await moderation.RevealContactAsync(threadId, staff, Now + ContactViewLog.Visit - TimeSpan.FromMinutes(1));
        await moderation.RevealContactAsync(threadId, staff, Now + ContactViewLog.Visit + TimeSpan.FromMinutes(1));

        Assert.Equal(2, await CountAsync(data, "ContactViews", threadId, staff.UserId));
        Assert.Equal(2, await CountAsync(data, "AuditLog", threadId, staff.UserId));
    }

    private static Task<int> CountAsync(TestData data, string table, long threadId, long userId) =>
        data.ScalarAsync<int>(table == "AuditLog"
            ? "SELECT COUNT(*) FROM AuditLog WHERE ThreadId = @ThreadId AND ActorId = @UserId AND Action = 'ViewContact'"
            : "SELECT COUNT(*) FROM ContactViews WHERE ThreadId = @ThreadId AND ViewerId = @UserId", new { ThreadId = threadId, UserId = userId });

    private static async Task<(ModerationRepository, TestData, long, StaffMember, StaffMember)> ArrangeAsync(TestDatabase test)
    {
        var data = new TestData(test.Database);
        var company = await data.CompanyAsync("shenzhen");
        var project = await data.ProjectAsync(company);
        var author = await data.UserAsync();
        var threadId = await new ComplaintWriter(test.Database, new Forum.Core.Escalation.EscalationPolicy(new Forum.Core.Escalation.EscalationOptions())).CreateThreadAsync(
            new ValidComplaint(company, project, await data.CategoryIdAsync(), "卫生间漏水", "请尽快处理。", "陈大文", "13812345678", "5栋1203", Guid.NewGuid().ToString("N")), author, Now);
        var staff = new StaffMember(await data.UserAsync("客服甲", company), "客服甲", new HashSet<string> { ForumRoles.LocalStaff }, company);
        var colleague = new StaffMember(await data.UserAsync("客服乙", company), "客服乙", new HashSet<string> { ForumRoles.LocalStaff }, company);
        return (new ModerationRepository(test.Database, new Forum.Core.Escalation.EscalationPolicy(new Forum.Core.Escalation.EscalationOptions())), data, threadId, staff, colleague);
    }
}
