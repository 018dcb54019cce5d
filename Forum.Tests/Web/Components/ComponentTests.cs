using Bunit;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Time;
using Forum.Web;
using Forum.Web.Components.Complaints;
using Forum.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Forum.Tests.Web.Components;

/// <summary>The shared components rendered alone, with the real resource files, in both languages.</summary>
public class ComponentTests : BunitContext
{
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Now));

    public ComponentTests()
    {
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(new ForumClock(_time, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        Services.AddSingleton(new Forum.Core.Escalation.EscalationPolicy(new Forum.Core.Escalation.EscalationOptions()));
        Services.AddMemoryCache();
        Services.AddSingleton<Forum.Core.Companies.ICompanyRepository, EmptyCatalog>();
        Services.AddSingleton<Forum.Web.Configuration.CatalogCache>();
        UseCulture("zh-CN");
    }

    private static void UseCulture(string name)
    {
        CultureInfo.CurrentCulture = new CultureInfo(name);
        CultureInfo.CurrentUICulture = new CultureInfo(name);
    }

    private static ThreadSummary Summary(long id, string title, ThreadStatus status = ThreadStatus.Open, bool group = false) => new()
    {
        Id = id, Title = title, Status = status, CreatedAt = Now.AddMinutes(-80), ReplyCount = 3, CoSignCount = 12,
        IsGroupComplaint = group, IsLocked = false, CompanySlug = "shenzhen", CompanyName = new LocalizedName("深圳公司", "Shenzhen Company"),
        ProjectSlug = "sz-bay", ProjectName = new LocalizedName("湾景花园", "Bayview Garden"),
        CategoryCode = "engineering", CategoryName = new LocalizedName("工程质量", "Engineering quality"),
    };

    [Fact]
    public void ThreadTable_Row_ShowsNumberTitleNamesStatusAgeAndCounts()
    {
        var table = Render<ThreadTable>(p => p.Add(c => c.Items, [Summary(42, "卫生间漏水", group: true)]));

        var row = table.Find("li.thread-row");
        Assert.Equal("T-000042", row.GetAttribute("data-number"));
        Assert.Equal("/threads/T-000042", row.QuerySelector("a.thread-title")!.GetAttribute("href"));
        Assert.Contains("深圳公司", row.TextContent);
        Assert.Contains("湾景花园", row.TextContent);
        Assert.Contains("工程质量", row.TextContent);
        Assert.Equal("待回复", row.QuerySelector(".badge.status-open")!.TextContent);
        Assert.Contains("1 小时 20 分钟前", row.TextContent);
        Assert.Contains("3 条回复", row.TextContent);
        Assert.Contains("12 人附议", row.TextContent);
        Assert.NotNull(row.QuerySelector(".badge.group"));
    }

    [Fact]
    public void ThreadTable_English_UsesEnglishNames()
    {
        UseCulture("en");

        var table = Render<ThreadTable>(p => p.Add(c => c.Items, [Summary(42, "Leak")]));

        Assert.Contains("Shenzhen Company", table.Markup);
        Assert.Contains("1 h 20 min ago", table.Markup);
        Assert.Contains(">Open<", table.Markup);
    }

    [Fact]
    public void ThreadTable_Empty_SaysSo()
    {
        var table = Render<ThreadTable>(p => p.Add(c => c.Items, []));

        Assert.Equal("没有符合条件的投诉。", table.Find("p.empty").TextContent);
    }

    [Theory]
    [InlineData("zh-CN", "1 小时 20 分钟前")]
    [InlineData("en", "1 h 20 min ago")]
    public void Age_ShowsHowLongAgo_WithTheShanghaiTimeOnHover(string culture, string text)
    {
        UseCulture(culture);
        var posted = Now.AddMinutes(-80);

        var time = Render<Age>(p => p.Add(c => c.Utc, posted)).Find("time");

        Assert.Equal("2026-11-23T00:40:00Z", time.GetAttribute("datetime"));
        Assert.Equal(new DateTime(2026, 11, 23, 8, 40, 0).ToString("g", CultureInfo.CurrentCulture), time.GetAttribute("title"));
        Assert.Equal(text, time.TextContent);
    }

    [Theory]
    [InlineData("zh-CN", "已给方案")]
    [InlineData("en", "Solution proposed")]
    public void StatusBadge_ShowsTheStatusName_ColouredByItsSlug(string culture, string text)
    {
        UseCulture(culture);

        var badge = Render<StatusBadge>(p => p.Add(c => c.Status, ThreadStatus.SolutionProposed)).Find("span");

        Assert.Equal(["badge", "status-solution-proposed"], badge.ClassList);
        Assert.Equal(text, badge.TextContent);
    }

    // The components render this markup as-is (a MarkupString), so the encoding is the helpers' own job.
    [Fact]
    public void AgeAndStatusBadgeMarkup_EncodeTheLocalizedText()
    {
        var localizer = new MarkupLocalizer();
        var encoder = HtmlEncoder.Create(UnicodeRanges.All);
        var html = new StringBuilder();

        StatusBadgeMarkup.Write(html, ThreadStatus.Open, localizer, encoder);
        AgeMarkup.Write(html, Now.AddMinutes(-80), Services.GetRequiredService<ForumClock>(), localizer, encoder);

        Assert.DoesNotContain("<b>", html.ToString());
        Assert.Contains("&lt;b&gt;StatusOpen&amp;&quot;&lt;/b&gt;", html.ToString());
        Assert.Contains("&lt;b&gt;Ago&amp;&quot;&lt;/b&gt;", html.ToString());
    }

    /// <summary>Every string is its name wrapped in markup characters.</summary>
    private sealed class MarkupLocalizer : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, $"<b>{name}&\"</b>");
        public LocalizedString this[string name, params object[] arguments] => this[name];
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    [Fact]
    public void PlainTextBody_EncodesMarkup_AndLinksOnlyHttp()
    {
        var body = Render<PlainTextBody>(p => p.Add(c => c.Text, "<img src=x onerror=alert(1)>\n\n见 https://example.com/p?a=1&b=2 javascript:alert(1)"));

        Assert.Empty(body.FindAll("img"));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", body.Markup);
        var link = body.Find("a");
        Assert.Equal("https://example.com/p?a=1&b=2", link.GetAttribute("href"));
        Assert.Contains("nofollow", link.GetAttribute("rel"));
        Assert.Equal(2, body.FindAll("p").Count);
    }

    [Fact]
    public void LocalTime_ShowsShanghaiTime_WithUtcInDatetime()
    {
        var time = Render<LocalTime>(p => p.Add(c => c.Utc, new DateTime(2026, 11, 22, 23, 30, 0, DateTimeKind.Utc)));

        var element = time.Find("time");
        Assert.Equal("2026-11-22T23:30:00Z", element.GetAttribute("datetime"));
        Assert.Equal("2026/11/23 07:30", element.TextContent);
    }

    private sealed class EmptyCatalog : Forum.Core.Companies.ICompanyRepository
    {
        public Task<IReadOnlyList<Forum.Core.Companies.Company>> ListCompaniesAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Forum.Core.Companies.Company>>([]);
        public Task<IReadOnlyList<Forum.Core.Companies.Project>> ListProjectsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Forum.Core.Companies.Project>>([]);
        public Task<IReadOnlyList<Category>> ListCategoriesAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Category>>([]);
    }

    [Fact]
    public void Timeline_ShowsEachStepWithTheWait()
    {
        var entries = new List<TimelineEntry>
        {
            new(TimelineEntryKind.Posted, Now.AddHours(-3), null),
            new(TimelineEntryKind.FirstOfficialReply, Now.AddHours(-1).AddMinutes(-40), TimeSpan.FromMinutes(80)),
        };

        var timeline = Render<Timeline>(p => p.Add(c => c.Entries, entries).Add(c => c.CompanyName, new LocalizedName("深圳公司", "Shenzhen Company")));

        var items = timeline.FindAll("li");
        Assert.Equal(2, items.Count);
        Assert.Contains("业主发布投诉", items[0].TextContent);
        Assert.Contains("深圳公司首次官方回复", items[1].TextContent);
        Assert.Contains("用时 1 小时 20 分钟", items[1].TextContent);
    }

    [Fact]
    public void PostCard_Hidden_ShowsTombstoneWithReason()
    {
        var card = Render<PostCard>(p => p.Add(c => c.Post, new PublicPost
        {
            Id = 5, Kind = PostKind.HomeownerReply, Body = "", CreatedAt = Now, AuthorName = "业主", IsHidden = true, HiddenReason = "含个人信息",
        }));

        Assert.Equal("该回复已被管理员隐藏：含个人信息", card.Find(".tombstone").TextContent);
    }

    [Fact]
    public void PostCard_Official_IsMarkedWithTheCompany()
    {
        var card = Render<PostCard>(p => p.Add(c => c.Post, new PublicPost
        {
            Id = 6, Kind = PostKind.Solution, Body = "明天上门维修", CreatedAt = Now, AuthorName = "王经理", CompanyName = new LocalizedName("深圳公司", "Shenzhen Company"),
        }));

        Assert.Contains("official", card.Find("article").ClassList);
        Assert.Equal("解决方案 · 深圳公司", card.Find(".official-mark").TextContent);
    }
}
