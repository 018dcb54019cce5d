using System.Net;

namespace Forum.Tests.Web.Moderation;

public class AuditLogTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    [Fact]
    public async Task Hq_SeesStaffActs_FilteredByAction_LocalStaffIsDenied()
    {
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var number = Forum.Core.Complaints.ThreadNumber.Format(await app.Data.ScalarAsync<long>(
            "SELECT MAX(t.Id) FROM Threads t JOIN Companies c ON c.Id = t.CompanyId WHERE c.Slug = 'shenzhen' AND t.Status <> 'Closed'"));
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "lock", new Dictionary<string, string?>());
        var hq = await Forms.SignInAsync(app.Client(), "hq.staff@example.com");

        var all = Forms.Parse(await hq.GetStringAsync("/staff/audit"));
        var locks = Forms.Parse(await hq.GetStringAsync("/staff/audit?action=Lock&company=shenzhen"));
        var denied = await staff.GetAsync("/staff/audit");

        Assert.Contains(all.QuerySelectorAll("tr[data-action]"), r => r.GetAttribute("data-action") == "ViewContact");
        var lockRows = locks.QuerySelectorAll("tr[data-action]").ToList();
        Assert.NotEmpty(lockRows);
        Assert.All(lockRows, r => Assert.Equal("Lock", r.GetAttribute("data-action")));
        Assert.Contains(lockRows, r => r.TextContent.Contains("深圳公司客服 王经理", StringComparison.Ordinal) && r.TextContent.Contains(number, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.ToString());
    }
}
