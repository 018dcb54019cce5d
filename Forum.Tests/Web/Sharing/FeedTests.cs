using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Forum.Core.Complaints;

namespace Forum.Tests.Web.Sharing;

/// <summary>The Atom feeds, read over HTTP from the real app and checked against RFC 4287's required elements.</summary>
public partial class FeedTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    private async Task<(string Number, long Id)> PostAsync(string title, string body, string company = "shenzhen", string project = "sz-bayview-garden")
    {
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var created = await Forms.SubmitAsync(homeowner, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = company, ["Input.Project"] = project, ["Input.Category"] = "property",
            ["Input.Title"] = title, ["Input.Body"] = body,
            ["Input.RealName"] = "保密的真名甲", ["Input.Phone"] = "13700001111", ["Input.Unit"] = "9栋909",
        });
        var number = Forms.Location(created)[9..17];
        return (number, long.Parse(number[2..]));
    }

    private async Task<XDocument> FeedAsync(string url)
    {
        var response = await app.Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        // Well-formed, or this throws.
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>RFC 4287: the feed and every entry have id, title and updated; the feed an author (so entries inherit
    /// one) and a self link; every entry an alternate link; ids absolute and unique; dates RFC 3339.</summary>
    private static void AssertValidAtom(XDocument feed)
    {
        var root = feed.Root!;
        Assert.Equal(Atom + "feed", root.Name);
        foreach (var required in new[] { "id", "title", "updated" })
        {
            Assert.Single(root.Elements(Atom + required));
        }

        Assert.NotEmpty(root.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Single(root.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.Matches(Rfc3339(), root.Element(Atom + "updated")!.Value);
        var ids = new List<string> { root.Element(Atom + "id")!.Value };
        foreach (var entry in root.Elements(Atom + "entry"))
        {
            foreach (var required in new[] { "id", "title", "updated" })
            {
                Assert.NotEmpty(Assert.Single(entry.Elements(Atom + required)).Value);
            }

            Assert.Matches(Rfc3339(), entry.Element(Atom + "updated")!.Value);
            Assert.Matches(Rfc3339(), entry.Element(Atom + "published")!.Value);
            Assert.Single(entry.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate" && Uri.IsWellFormedUriString((string?)l.Attribute("href"), UriKind.Absolute));
            ids.Add(entry.Element(Atom + "id")!.Value);
        }

        Assert.All(ids, id => Assert.True(Uri.IsWellFormedUriString(id, UriKind.Absolute), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task AllComplaints_IsValidAtom_NewestFirst_MaskedAndWithoutContactDetails()
    {
        var (number, _) = await PostAsync("电梯故障请回电13912345678", "反复停梯，邮箱 owner.zhang@example.com，身份证110101199003071234。");

        var feed = await FeedAsync("/feeds/complaints.atom");

        AssertValidAtom(feed);
        var entries = feed.Root!.Elements(Atom + "entry").ToList();
        Assert.InRange(entries.Count, 2, 50);
        var mine = Assert.Single(entries, e => e.Element(Atom + "id")!.Value.EndsWith("/threads/" + number, StringComparison.Ordinal));
        Assert.Equal($"{number} 电梯故障请回电139****5678", mine.Element(Atom + "title")!.Value);
        var text = feed.ToString();
        foreach (var secret in new[] { "13912345678", "owner.zhang@example.com", "110101199003071234", "保密的真名甲", "13700001111", "9栋909" })
        {
            Assert.DoesNotContain(secret, text);
        }

        var numbers = entries.Select(e => e.Element(Atom + "id")!.Value[^8..]).ToList();
        Assert.Equal(numbers.OrderDescending(StringComparer.Ordinal), numbers);
    }

    [Fact]
    public async Task CompanyAndProjectFeeds_AreValidAtom_AndHoldOnlyTheirOwnComplaints()
    {
        var (shanghai, _) = await PostAsync("上海滨江壹号车库积水 " + Guid.NewGuid().ToString("N")[..4], "地下车库下雨就积水。", "shanghai", "sh-binjiang-one");

        var company = await FeedAsync("/companies/shanghai/feed.atom");
        var project = await FeedAsync("/projects/sh-binjiang-one/feed.atom");

        AssertValidAtom(company);
        AssertValidAtom(project);
        foreach (var (feed, column, slug) in new[] { (company, "c.Slug", "shanghai"), (project, "p.Slug", "sh-binjiang-one") })
        {
            var numbers = feed.Root!.Elements(Atom + "entry").Select(e => long.Parse(e.Element(Atom + "id")!.Value[^6..])).ToList();
            Assert.Contains(long.Parse(shanghai[2..]), numbers);
            var others = await app.Data.ScalarAsync<int>(
                $"SELECT COUNT(*) FROM Threads t JOIN Companies c ON c.Id = t.CompanyId JOIN Projects p ON p.Id = t.ProjectId WHERE t.Id IN ({string.Join(',', numbers)}) AND {column} <> @Slug",
                new { Slug = slug });
            Assert.Equal(0, others);
        }
    }

    [Fact]
    public async Task Feeds_LeaveOutHiddenComplaints_AndAnUnknownCompanyIs404()
    {
        var hidden = await app.Data.ThreadAsync(await app.Data.ScalarAsync<long>("SELECT Id FROM Projects WHERE Slug = 'sz-bayview-garden'"),
            await app.Data.UserAsync(), DateTime.UtcNow, title: "隐藏的投诉不进订阅", hidden: true);

        var feed = await FeedAsync("/companies/shenzhen/feed.atom");
        var unknown = await app.Client().GetAsync("/companies/nowhere/feed.atom");

        Assert.DoesNotContain(ThreadNumber.Format(hidden), feed.ToString());
        Assert.DoesNotContain("隐藏的投诉不进订阅", feed.ToString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
