using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Forum.Tests.Web.Operations;

/// <summary>
/// The logs of a real forum process with <c>Forum:Logging:Format=Json</c>: one JSON object a line, complaint numbers
/// as fields, and never a homeowner's private contact details, in any spelling.
/// </summary>
public partial class LogTests
{
    [Fact]
    public async Task JsonLogs_ComplaintsPostedAndEscalated_NumbersAreFields_ContactDetailsNeverAppear()
    {
        using var data = new TempDirectory();
        await using var forum = await ForumProcess.StartAsync(data.Path, new Dictionary<string, string?>
        {
            ["Forum__Logging__Format"] = "Json",
            ["Forum__RateLimits__Enabled"] = "false",
            // The demo data's past is recorded, not escalated again; the complaints posted here are reported after 2 s
            // and the sweep runs every 2 s, so the ladder's logs are in the capture too.
            ["Forum__Escalation__FirstResponse"] = "00:00:02",
            ["Forum__Escalation__SweepCron"] = "*/2 * * * * *",
            ["Forum__Jobs__PollingInterval"] = "00:00:01",
        });
        var random = new Random();
        var secrets = new List<string>();
        var email = $"privacy{Guid.NewGuid():N}@example.com";
        secrets.Add(email);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = forum.Address };
        await Forms.SubmitAsync(client, "/account/register", "register", new Dictionary<string, string?>
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "日志测试业主", ["Input.Password"] = "pass-word-1", ["Input.ConfirmPassword"] = "pass-word-1",
        });
        var confirmation = await ScalarAsync(data.Path, "SELECT TextBody FROM OutboxMessages WHERE ToEmail = $email", email);
        var link = new Uri(ConfirmLink().Match(confirmation).Value);
        Assert.Contains("data-outcome=\"Confirmed\"", await client.GetStringAsync(link.PathAndQuery));
        await Forms.SignInAsync(client, email, "pass-word-1");

        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var realName = "欧阳" + string.Concat(Enumerable.Range(0, 3).Select(_ => (char)random.Next(0x4E00, 0x9FA5)));
            var phone = "139" + random.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var unit = $"{random.Next(10, 99)}栋{random.Next(1000, 9999)}室";
            secrets.AddRange([realName, phone, unit]);
            var response = await Forms.SubmitAsync(client, "/threads/new", "new-thread", new Dictionary<string, string?>
            {
                ["Input.Company"] = "shenzhen",
                ["Input.Project"] = "sz-bayview-garden",
                ["Input.Category"] = "engineering",
                ["Input.Title"] = $"日志隐私测试第{i}单",
                // Typed into the public text too: masked on the pages, and never written to a log.
                ["Input.Body"] = $"卫生间漏水，请联系我 {phone} 或 {email}。",
                ["Input.RealName"] = realName,
                ["Input.Phone"] = phone,
                ["Input.Unit"] = unit,
            });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            numbers.Add(Forms.Location(response)[9..17]);
        }

        // The console logger writes from a queue of its own: wait for the lines, then read them all.
        var escalated = await WaitForLineAsync(forum, line => line.Contains("escalated", StringComparison.Ordinal));
        foreach (var number in numbers)
        {
            var posted = await WaitForLineAsync(forum, line => line.Contains("ComplaintService", StringComparison.Ordinal) && line.Contains(number, StringComparison.Ordinal));
            Assert.Equal(number, JsonDocument.Parse(posted).RootElement.GetProperty("State").GetProperty("ThreadNumber").GetString());
        }

        Assert.All(forum.Lines.Where(l => l.Trim().Length > 0), line => Assert.StartsWith("{", line));
        Assert.Matches("^T-\\d{6}$", JsonDocument.Parse(escalated).RootElement.GetProperty("State").GetProperty("ThreadNumber").GetString());
        foreach (var line in forum.Lines)
        {
            // The JSON writer escapes Chinese as \uXXXX: compare the decoded text as well as the raw line.
            var decoded = line.StartsWith('{') ? Strings(JsonDocument.Parse(line).RootElement) : line;
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, line, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(secret, decoded, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private static async Task<string> WaitForLineAsync(ForumProcess forum, Func<string, bool> match)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (forum.Lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            await Task.Delay(200);
        }

        Assert.Fail("no such log line in 60 s:\n" + string.Join('\n', forum.Lines));
        return "";
    }

    private static string Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => string.Join('\n', element.EnumerateObject().Select(p => p.Name + "\n" + Strings(p.Value))),
        JsonValueKind.Array => string.Join('\n', element.EnumerateArray().Select(Strings)),
        JsonValueKind.String => element.GetString()!,
        _ => element.ToString(),
    };

    private static async Task<string> ScalarAsync(string dataDirectory, string sql, string email)
    {
        await using var connection = new SqliteConnection(Forum.Data.Database.ForumDatabase.SqliteConnectionStringFor(dataDirectory));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$email", email);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/account/confirm[^\s""<>]*")]
    private static partial Regex ConfirmLink();
}
