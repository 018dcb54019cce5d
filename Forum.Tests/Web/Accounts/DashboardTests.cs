using System.Net;

namespace Forum.Tests.Web.Accounts;

public class DashboardTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        var response = await app.Client().GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("homeowner@example.com")]
    [InlineData("hq.staff@example.com")]
    [InlineData("executive@example.com")]
    public async Task NonAdmins_AreDenied(string email)
    {
        var client = await Forms.SignInAsync(app.Client(), email);

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Admin_SeesTheDashboard_WithTheRecurringJobsPage()
    {
        var client = await Forms.SignInAsync(app.Client(), "admin@example.com");

        var response = await client.GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Forum jobs", await response.Content.ReadAsStringAsync());
    }
}
