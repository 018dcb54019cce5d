using System.Net;
using Forum.Core.Complaints;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Web.Security;

/// <summary>
/// Personal data typed in any spelling never reaches a public page raw: titles, bodies, replies, official replies,
/// summaries, rating comments, hide reasons of posts and photos, display names, lists and search (issue 15, item 2).
/// </summary>
public class MaskingPagesTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    /// <summary>What was typed (in odd spellings), and how the public sees it.</summary>
    private static readonly (string Typed, string Shown)[] Leaks =
    [
        ("１３８１２３４５６７８", "138****5678"),
        ("139.1234.5678", "139****5678"),
        ("110101 19900307 4518", "110101********4518"),
        ("leak@例子.公司", "l***@例子.公司"),
        ("+86 136 1234 5678", "136****5678"),
        ("0086 135-1234-5678", "135****5678"),
        ("１３７　１２３４　５６７８", "137****5678"),
        ("ｍａｉｌ＠ｅｘａｍｐｌｅ．ｃｏｍ", "m***@ｅｘａｍｐｌｅ．ｃｏｍ"),
    ];

    [Fact]
    public async Task PublicPages_PersonalDataInEverySpellingAndEveryText_ShownMaskedOnly()
    {
        var now = DateTime.UtcNow;
        var marker = Guid.NewGuid().ToString("N")[..8];
        var project = await app.Data.ScalarAsync<long>("SELECT Id FROM Projects WHERE Slug = 'sz-bayview-garden'");
        var author = await app.Data.UserAsync(Leaks[1].Typed);
        var thread = await app.Data.ThreadAsync(project, author, now.AddHours(-2), title: $"漏水{marker} {Leaks[0].Typed}", status: ThreadStatus.Closed);
        await app.Data.ScalarAsync<int>(
            """
            UPDATE Threads SET Body = @Body, ResolutionSummary = @Summary, ClosedAt = @Now, Rating = 4, RatingComment = @Comment, ConfirmedAt = @Now
            WHERE Id = @Id
            """,
            new { Id = thread, Now = now.AddMinutes(-5), Body = $"请联系 {Leaks[2].Typed}", Summary = $"已回访 {Leaks[3].Typed}", Comment = $"满意，电话 {Leaks[4].Typed}" });
        // The closing and the rating as the writers record them: the page reads every resolution from the record.
        await app.Data.ScalarAsync<int>(
            """
            INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorRole, Text) VALUES (@Id, 'Closed', 0, @Now, 'LocalStaff', @Summary);
            INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole, Rating, Text) VALUES (@Id, 'Rated', 0, @Now, @Author, 'Homeowner', 4, @Comment);
            """,
            new { Id = thread, Author = author, Now = now.AddMinutes(-5), Summary = $"已回访 {Leaks[3].Typed}", Comment = $"满意，电话 {Leaks[4].Typed}" });
        await app.Data.PostAsync(thread, PostKind.HomeownerReply, $"补充：{Leaks[5].Typed}", now.AddHours(-1), author);
        var company = await app.Data.ScalarAsync<long>("SELECT CompanyId FROM Projects WHERE Id = @project", new { project });
        await app.Data.PostAsync(thread, PostKind.OfficialReply, $"已收到，回电 {Leaks[6].Typed}", now.AddMinutes(-50), author, company);
        var hidden = await app.Data.PostAsync(thread, PostKind.HomeownerReply, "辱骂内容", now.AddMinutes(-40), author, hidden: true, hiddenReason: $"含个人信息 {Leaks[7].Typed}");
        await app.Data.ScalarAsync<int>("UPDATE Posts SET HiddenByRole = 'HqStaff' WHERE Id = @hidden", new { hidden });
        await app.Data.ScalarAsync<int>(
            """
            INSERT INTO Photos (ThreadId, PostId, UploaderId, Hash, Width, Height, ThumbWidth, ThumbHeight, Bytes, CreatedAt, IsHidden, HiddenReason, HiddenByRole)
            VALUES (@thread, NULL, @author, 'no-file', 10, 10, 10, 10, 10, @Now, 1, @Reason, 'HqStaff')
            """,
            new { thread, author, Now = now, Reason = $"照片含 {Leaks[0].Typed}" });
        await app.Factory.Services.GetRequiredService<Forum.Core.Search.ISearchRepository>().IndexMissingAsync(TestContext.Current.CancellationToken);
        var number = ThreadNumber.Format(thread);
        var client = app.Client();

        var pages = new Dictionary<string, string>();
        foreach (var url in new[] { $"/threads/{number}", "/", "/companies/shenzhen", "/projects/sz-bayview-garden", $"/search?q=漏水{marker}" })
        {
            var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages[url] = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }

        foreach (var (url, html) in pages)
        {
            foreach (var (typed, _) in Leaks)
            {
                Assert.DoesNotContain(typed, html);
                Assert.DoesNotContain(typed.Replace(" ", ""), html);
            }

            Assert.DoesNotContain("13812345678", html);
        }

        var threadPage = pages[$"/threads/{number}"];
        foreach (var (_, shown) in Leaks)
        {
            Assert.Contains(shown, threadPage);
        }

        Assert.Contains(Leaks[0].Shown, pages["/"]);
        Assert.Contains(Leaks[0].Shown, pages[$"/search?q=漏水{marker}"]);
    }

    [Theory]
    [InlineData("１３８１２３４５６７８")]
    [InlineData("13812345678")]
    [InlineData("110101 19900307 4518")]
    [InlineData("leak")]
    public async Task Search_ForAMaskedNumberInAnySpelling_FindsNothing(string query)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var posted = await Forms.SubmitAsync(homeowner, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = "shenzhen",
            ["Input.Project"] = "sz-bayview-garden",
            ["Input.Category"] = "engineering",
            ["Input.Title"] = $"外墙渗水 {marker}",
            ["Input.Body"] = "电话 １３８１２３４５６７８，身份证 110101 19900307 4518，邮箱 leak@例子.公司",
            ["Input.RealName"] = "陈大文",
            ["Input.Phone"] = "13812345678",
            ["Input.Unit"] = "5栋1203",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var number = Forms.Location(posted)[9..17];
        Assert.Contains(number, await app.Client().GetStringAsync($"/search?q={marker}", TestContext.Current.CancellationToken));

        var html = await app.Client().GetStringAsync($"/search?q={Uri.EscapeDataString(query + " " + marker)}", TestContext.Current.CancellationToken);

        Assert.DoesNotContain(number, html);
    }

    [Theory]
    [InlineData("１３８１２３４５６７８")]
    [InlineData("小王 139.1234.5678")]
    [InlineData("leak@例子.公司")]
    public async Task Register_NameShapedLikePersonalData_RefusedWithALocalizedMessage(string name)
    {
        var response = await Forms.SubmitAsync(app.Client(), "/account/register", "register", new Dictionary<string, string?>
        {
            ["Input.Email"] = $"name-{Guid.NewGuid():N}@example.com",
            ["Input.DisplayName"] = name,
            ["Input.Password"] = "Long-enough-2026!",
            ["Input.ConfirmPassword"] = "Long-enough-2026!",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("公开名称不能是", html);
        Assert.Equal(0, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Users WHERE DisplayName = @name", new { name }));
    }

    [Fact]
    public async Task Settings_NameShapedLikeAPhoneNumber_RefusedWithALocalizedMessage()
    {
        var client = await Forms.SignInAsync(app.Client("en"), "executive@example.com");

        var response = await Forms.SubmitAsync(client, "/account", "display-name", new Dictionary<string, string?> { ["Name.DisplayName"] = "138 1234 5678" });

        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("A public name can&#x27;t be", html.Replace("'", "&#x27;"));
        Assert.Equal(0, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Users WHERE DisplayName = '138 1234 5678'"));
    }
}
