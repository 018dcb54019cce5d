using System.Net;
using Forum.Core.Complaints;

namespace Forum.Tests.Web.Moderation;

/// <summary>Role × company × action, over HTTP, against the server's own checks.</summary>
public class AuthorizationMatrixTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    public static TheoryData<string?, string, string> Matrix() => new()
    {
        // who (null: anonymous), whose thread, expected answer to opening its staff page
        { null, "shenzhen", "sign-in" },
        { "homeowner@example.com", "shenzhen", "denied" },
        { "executive@example.com", "shenzhen", "denied" },
        { "shenzhen.staff@example.com", "shenzhen", "ok" },
        { "shenzhen.staff@example.com", "shanghai", "forbidden" },
        { "shenzhen.staff@example.com", "guangzhou", "forbidden" },
        { "hq.staff@example.com", "shenzhen", "ok" },
        { "hq.staff@example.com", "beijing", "ok" },
        { "admin@example.com", "guangzhou", "ok" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task StaffThreadPage_AnswersByRoleAndCompany(string? email, string company, string expected)
    {
        var client = email is null ? app.Client() : await Forms.SignInAsync(app.Client(), email);
        var number = ThreadNumber.Format(await app.Data.ScalarAsync<long>(
            "SELECT MAX(t.Id) FROM Threads t JOIN Companies c ON c.Id = t.CompanyId WHERE c.Slug = @Slug AND t.IsHidden = 0", new { Slug = company }));

        var response = await client.GetAsync($"/staff/threads/{number}");
        var html = await response.Content.ReadAsStringAsync();

        switch (expected)
        {
            case "sign-in":
                Assert.Contains("/account/sign-in", response.Headers.Location!.ToString());
                break;
            case "denied":
                Assert.Contains("/account/denied", response.Headers.Location!.ToString());
                break;
            case "forbidden":
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.DoesNotContain("contact-phone", html);
                Assert.DoesNotContain("internal-mark", html);
                break;
            default:
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("contact-phone", html);
                break;
        }
    }

    [Theory]
    [InlineData("/threads/{0}")]
    [InlineData("/")]
    [InlineData("/companies/shenzhen")]
    [InlineData("/my/complaints")]
    public async Task HomeownerAndPublicResponses_NeverCarryContactsOrInternalNotes(string urlPattern)
    {
        // The demo homeowner's own open complaint, with a staff note and a private contact.
        var id = await app.Data.ScalarAsync<long>(
            "SELECT MAX(t.Id) FROM Threads t JOIN Users u ON u.Id = t.AuthorId WHERE u.Email = 'homeowner@example.com' AND t.Status <> 'Closed' AND t.IsHidden = 0");
        var number = ThreadNumber.Format(id);
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, urlPattern, number);
        var staff = await Forms.SignInAsync(app.Client(), "hq.staff@example.com");
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "answer", new Dictionary<string, string?> { ["Answer.Kind"] = "InternalNote", ["Answer.Body"] = "MATRIX-NOTE-42" });
        Assert.True(await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Posts WHERE ThreadId = @Id AND Body = 'MATRIX-NOTE-42'", new { Id = id }) > 0, "the note was stored");
        var contact = await app.Data.ScalarAsync<string>("SELECT Phone FROM ThreadContacts WHERE ThreadId = @Id", new { Id = id });
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");

        var pages = new List<string> { await homeowner.GetStringAsync(url) };
        if (urlPattern != "/my/complaints")
        {
            pages.Add(await app.Client().GetStringAsync(url));
        }

        Assert.All(pages, html =>
        {
            Assert.DoesNotContain("MATRIX-NOTE-42", html);
            Assert.DoesNotContain(contact, html);
        });
    }
}
