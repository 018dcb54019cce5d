using System.Net;
using System.Text.RegularExpressions;

namespace Forum.Tests.Web.Administration;

public class AdminPageTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private Task<HttpClient> AdminAsync() => Forms.SignInAsync(app.Client(), "admin@example.com");

    [Theory]
    [InlineData("hq.staff@example.com")]
    [InlineData("shenzhen.staff@example.com")]
    [InlineData("homeowner@example.com")]
    public async Task NonAdmins_AreDenied(string email)
    {
        var response = await (await Forms.SignInAsync(app.Client(), email)).GetAsync("/admin");

        Assert.Contains("/account/denied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AddCompanyProjectCategory_AppearInThePublicFilters_BadAndTakenSlugsAreRefused()
    {
        var admin = await AdminAsync();
        var slug = "hz" + Guid.NewGuid().ToString("N")[..6];

        var company = await Forms.SubmitAsync(admin, "/admin", "add-company", new Dictionary<string, string?> { ["NewCompany.Slug"] = slug, ["NewCompany.Name"] = "杭州公司", ["NewCompany.NameEn"] = "Hangzhou Company" });
        var taken = await Forms.SubmitAsync(admin, "/admin", "add-company", new Dictionary<string, string?> { ["NewCompany.Slug"] = slug, ["NewCompany.Name"] = "重复", ["NewCompany.NameEn"] = "Again" });
        var bad = await Forms.SubmitAsync(admin, "/admin", "add-company", new Dictionary<string, string?> { ["NewCompany.Slug"] = "Bad Slug!", ["NewCompany.Name"] = "", ["NewCompany.NameEn"] = "x" });
        var project = await Forms.SubmitAsync(admin, "/admin", "add-project", new Dictionary<string, string?>
        {
            ["NewProject.Company"] = slug, ["NewProject.Slug"] = slug + "-west-lake", ["NewProject.Name"] = "西湖雅苑", ["NewProject.NameEn"] = "West Lake Court", ["NewProject.City"] = "杭州",
        });
        var category = await Forms.SubmitAsync(admin, "/admin", "add-category", new Dictionary<string, string?>
        {
            ["NewCategory.Code"] = "parking-" + slug, ["NewCategory.Name"] = "停车管理", ["NewCategory.NameEn"] = "Parking",
        });

        Assert.Equal(HttpStatusCode.Redirect, company.StatusCode);
        Assert.Contains("已被使用", await taken.Content.ReadAsStringAsync());
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("请使用 2–63 个小写字母", badHtml);
        Assert.Contains("此项必填", badHtml);
        Assert.Contains("value=\"Bad Slug!\"", badHtml);
        Assert.Equal(HttpStatusCode.Redirect, project.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, category.StatusCode);
        var home = await app.Client().GetStringAsync("/");
        Assert.Contains($"<option value=\"{slug}\">杭州公司</option>", home);
        Assert.Contains("西湖雅苑", home);
        Assert.Contains("停车管理", home);
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync($"/companies/{slug}")).StatusCode);
    }

    [Fact]
    public async Task Invite_TheInviteeChoosesAPassword_SignsIn_AndWorksForTheirCompany_ThenIsDeactivated()
    {
        var admin = await AdminAsync();
        var email = $"newstaff{Guid.NewGuid():N}@example.com";

        var invited = await Forms.SubmitAsync(admin, "/admin", "invite", new Dictionary<string, string?>
        {
            ["Invite.Email"] = email, ["Invite.DisplayName"] = "上海公司客服 新同事", ["Invite.Role"] = "LocalStaff", ["Invite.Company"] = "shanghai",
        });
        var text = await app.Data.ScalarAsync<string>("SELECT TextBody FROM OutboxMessages WHERE ToEmail = @Email AND Purpose = 'AccountInvite'", new { Email = email });
        var link = Regex.Match(text, @"/account/reset\?email=[^&\s]+&code=[A-Za-z0-9_\-]+").Value;
        await Forms.SubmitAsync(app.Client(), link, "reset", new Dictionary<string, string?> { ["Input.Password"] = "staff-pass-1", ["Input.ConfirmPassword"] = "staff-pass-1" });
        var staff = await Forms.SignInAsync(app.Client(), email, "staff-pass-1");
        var console = await staff.GetStringAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Contains("上海公司", console);
        Assert.DoesNotContain("深圳公司 ·", console);

        var userId = await app.Data.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = @Email", new { Email = email });
        await Forms.SubmitAsync(admin, "/admin", $"staff-{userId}", new Dictionary<string, string?>());
        var refused = await Forms.SubmitAsync(app.Client(), "/account/sign-in", "sign-in", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = "staff-pass-1" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("邮箱或密码不正确", await refused.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'DeactivateStaff' AND After = @Email", new { Email = email }));
    }

    [Fact]
    public async Task Recipients_RoleMustFitTheCompany_AndADeactivatedOneIsNoLongerTold()
    {
        var admin = await AdminAsync();
        var email = $"sh.cr.{Guid.NewGuid():N}@example.com";
        var escalation = (Forum.Core.Escalation.IEscalationRepository)app.Factory.Services.GetService(typeof(Forum.Core.Escalation.IEscalationRepository))!;
        var shanghai = await app.Data.ScalarAsync<long>("SELECT Id FROM Companies WHERE Slug = 'shanghai'");

        var wrong = await Forms.SubmitAsync(admin, "/admin", "add-recipient", new Dictionary<string, string?>
        {
            ["NewRecipient.Company"] = "hq", ["NewRecipient.Role"] = "CompanyHead", ["NewRecipient.Name"] = "总部负责人", ["NewRecipient.Email"] = "x@example.com",
        });
        await Forms.SubmitAsync(admin, "/admin", "add-recipient", new Dictionary<string, string?>
        {
            ["NewRecipient.Company"] = "shanghai", ["NewRecipient.Role"] = "CustomerRelations", ["NewRecipient.Name"] = "上海客服二组", ["NewRecipient.Email"] = email, ["NewRecipient.Language"] = "en",
        });
        var added = (await escalation.ListRecipientsAsync(shanghai)).SingleOrDefault(r => r.Email == email);
        var recipientId = await app.Data.ScalarAsync<long>("SELECT Id FROM EscalationRecipients WHERE Email = @Email", new { Email = email });
        await Forms.SubmitAsync(admin, "/admin", $"recipient-{recipientId}", new Dictionary<string, string?>());

        Assert.Contains("该公司没有此角色", await wrong.Content.ReadAsStringAsync());
        Assert.NotNull(added);
        Assert.Equal("en", added.Language);
        Assert.DoesNotContain(await escalation.ListRecipientsAsync(shanghai), r => r.Email == email);
    }
}
