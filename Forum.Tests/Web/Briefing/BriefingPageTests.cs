using System.Net;
using System.Text;

namespace Forum.Tests.Web.Briefing;

public class BriefingPageTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    [Fact]
    public async Task Executive_SeesNewAndOverdueComplaints_AndEveryCompany()
    {
        var executive = await Forms.SignInAsync(app.Client(), "executive@example.com");

        var document = Forms.Parse(await executive.GetStringAsync("/briefing"));

        Assert.Equal(4, document.QuerySelectorAll("table.briefing-companies tbody tr").Length);
        Assert.NotEmpty(document.QuerySelectorAll(".briefing-new li.thread-row"));
        var pastReply = document.QuerySelectorAll(".briefing-past-reply tr[data-rung=FirstResponse]");
        Assert.NotEmpty(pastReply);
        Assert.Contains("已超时", pastReply[0].TextContent);
        Assert.NotEmpty(document.QuerySelectorAll(".briefing-past-solution tr[data-rung=Solution]"));
        Assert.NotEmpty(document.QuerySelectorAll(".briefing-oldest li.thread-row"));
    }

    [Fact]
    public async Task AnEarlierStart_ShowsMoreNewComplaints()
    {
        var executive = await Forms.SignInAsync(app.Client(), "executive@example.com");
        var since = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-40)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var recent = Forms.Parse(await executive.GetStringAsync("/briefing")).QuerySelectorAll(".briefing-new li.thread-row").Length;
        var all = Forms.Parse(await executive.GetStringAsync($"/briefing?from={since}")).QuerySelectorAll(".briefing-new li.thread-row").Length;

        Assert.True(all > recent, $"{all} since {since}, {recent} since yesterday");
        Assert.True(all >= 40);
    }

    [Theory]
    [InlineData("homeowner@example.com")]
    [InlineData("shenzhen.staff@example.com")]
    public async Task OthersAreDenied_PageAndCsv(string email)
    {
        var client = await Forms.SignInAsync(app.Client(), email);

        Assert.Contains("/account/denied", (await client.GetAsync("/briefing")).Headers.Location!.ToString());
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/briefing.csv")).StatusCode);
        Assert.Contains("/account/sign-in", (await app.Client().GetAsync("/briefing.csv")).Headers.Location!.ToString());
    }

    [Fact]
    public async Task Csv_HasTheCompanyTableAndTheNewComplaints_AndNeutralisesFormulas()
    {
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        await Forms.SubmitAsync(homeowner, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = "guangzhou", ["Input.Project"] = "gz-panyu-jinmao", ["Input.Category"] = "other",
            ["Input.Title"] = "=HYPERLINK(\"http://x\",\"点我\")", ["Input.Body"] = "标题像公式，导出时不能被执行。",
            ["Input.RealName"] = "测试", ["Input.Phone"] = "13800006666", ["Input.Unit"] = "6栋606",
        });
        var hq = await Forms.SignInAsync(app.Client(), "hq.staff@example.com");

        var response = await hq.GetAsync("/briefing.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("section,company,number,title", lines[0]);
        Assert.Equal(4, lines.Count(l => l.StartsWith("company,", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("new,guangzhou,T-", StringComparison.Ordinal) && l.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chart_IsAPngDrawnOnTheServer_ForTheBriefingOnly()
    {
        var executive = await Forms.SignInAsync(app.Client(), "executive@example.com");

        var response = await executive.GetAsync("/briefing/chart.png");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], bytes[..4]);
        Assert.True(bytes.Length > 10_000, $"{bytes.Length} bytes");
        Assert.Contains("/account/sign-in", (await app.Client().GetAsync("/briefing/chart.png")).Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("", 960, 660)]
    [InlineData("?shape=narrow", 560, 1000)]
    public async Task Chart_SmallMultiples_TwoColumnsOnADesk_OneOnAPhone(string query, int width, int height)
    {
        var executive = await Forms.SignInAsync(app.Client(), "executive@example.com");

        var bytes = await executive.GetByteArrayAsync("/briefing/chart.png" + query);
        var page = Forms.Parse(await executive.GetStringAsync("/briefing"));

        // The PNG header: width and height, big-endian, at bytes 16 and 20. Four companies and the 3 h share: five panels.
        Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.Equal("/briefing/chart.png?shape=narrow", page.QuerySelector(".briefing-chart picture source[media]")!.GetAttribute("srcset"));
        Assert.Equal("660", page.QuerySelector(".briefing-chart img")!.GetAttribute("height"));
    }
}
