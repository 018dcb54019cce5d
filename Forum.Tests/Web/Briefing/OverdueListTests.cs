using System.Globalization;
using Bunit;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Moderation;
using Forum.Core.Time;
using Forum.Web.Briefing;
using Forum.Web.Components.Briefing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Web.Briefing;

public class OverdueListTests : BunitContext
{
    private static readonly DateTime Now = new(2026, 11, 23, 0, 30, 0, DateTimeKind.Utc);

    public OverdueListTests()
    {
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(new ForumClock(new FakeTimeProvider(new DateTimeOffset(Now)), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    [Fact]
    public void Rows_SayHowLateAndHowLongTheyWaited_AndOpenTheThread()
    {
        var item = new QueueItem
        {
            Thread = new ThreadSummary
            {
                Id = 12, Title = "卫生间漏水", Status = ThreadStatus.Open, CreatedAt = Now.AddHours(-5), ReplyCount = 0, CoSignCount = 0,
                IsGroupComplaint = false, IsLocked = false, CompanySlug = "shenzhen", CompanyName = new LocalizedName("深圳公司", "Shenzhen"),
                ProjectSlug = "p", ProjectName = new LocalizedName("湾景花园", "Bayview"), CategoryCode = "engineering", CategoryName = new LocalizedName("工程质量", "Engineering"),
            },
            CompanyId = 2,
        };

        var list = Render<OverdueList>(p => p.Add(c => c.Rows, [new OverdueThread(item, EscalationRung.FirstResponse, Now.AddHours(-2), TimeSpan.FromHours(5))]));

        var row = list.Find("tr");
        Assert.Equal("T-000012", row.GetAttribute("data-number"));
        Assert.Equal("/threads/T-000012", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("已超时 2 小时", row.TextContent);
        Assert.Contains("已等待 5 小时", row.TextContent);
    }

    [Fact]
    public void Empty_SaysNothingIsOverdue() =>
        Assert.Equal("没有超过此时限的投诉。", Render<OverdueList>(p => p.Add(c => c.Rows, [])).Find("p.empty").TextContent);
}
