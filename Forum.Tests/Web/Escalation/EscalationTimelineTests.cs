using System.Globalization;
using Bunit;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Time;
using Forum.Web.Components.Complaints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Web.Escalation;

/// <summary>
/// The timeline's escalation lines, rendered with the real resources from what the outbox says: a refused or missing
/// recipient never reads as told; staff see why, the public sees only that it is still being told.
/// </summary>
public class EscalationTimelineTests : BunitContext
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    public EscalationTimelineTests()
    {
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(new ForumClock(new FakeTimeProvider(new DateTimeOffset(Now)), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        Services.AddSingleton(new Forum.Core.Escalation.EscalationPolicy(new Forum.Core.Escalation.EscalationOptions()));
        Services.AddMemoryCache();
        Services.AddSingleton<ICompanyRepository, NoCatalog>();
        Services.AddSingleton<Forum.Web.Configuration.CatalogCache>();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    private static ThreadDetail Thread() => new()
    {
        Id = 7, Title = "群诉", Body = "", Status = ThreadStatus.Open, CreatedAt = Now.AddHours(-2), AuthorName = "业主",
        ReplyCount = 0, CoSignCount = 12, IsGroupComplaint = true, IsLocked = false, CompanyId = 2, CompanySlug = "shenzhen", CompanyName = new LocalizedName("深圳公司", "Shenzhen Company"),
        ProjectSlug = "sz-bay", ProjectName = new LocalizedName("湾景花园", "Bayview Garden"),
        CategoryCode = "engineering", CategoryName = new LocalizedName("工程质量", "Engineering quality"),
    };

    private IRenderedComponent<Timeline> Render(bool forStaff, params EscalationDelivery[] deliveries)
    {
        var thread = Thread();
        var events = new[]
        {
            new ThreadEvent { Id = 1, ThreadId = 7, Kind = ThreadEventKind.Posted, At = thread.CreatedAt },
            new ThreadEvent { Id = 2, ThreadId = 7, Kind = ThreadEventKind.Escalated, At = Now.AddHours(-1), Rung = EscalationRung.GroupComplaint, DueAt = Now.AddHours(-1) },
        };
        var entries = ThreadTimeline.Build(thread, events, forStaff, deliveries);
        return Render<Timeline>(p => p.Add(c => c.Entries, entries).Add(c => c.CompanyName, thread.CompanyName).Add(c => c.ForStaff, forStaff));
    }

    [Fact]
    public void GroupComplaint_HeadquartersRefusedAndNoCompanyHead_StaffSeeWhy_PublicSeesNoClaim()
    {
        var refused = new EscalationDelivery(EscalationRung.GroupComplaint, 0, "HqCustomerRelations", "Failed", null);

        var staff = Render(forStaff: true, refused).Find(".timeline-groupcomplaintraised").TextContent;
        var visitor = Render(forStaff: false, refused).Find(".timeline-groupcomplaintraised").TextContent;

        Assert.Contains("发给集团的邮件被拒收：尚未通知", staff);
        Assert.Contains("未配置公司负责人收件人：尚未通知", staff);
        Assert.Contains("正在通知集团…", visitor);
        Assert.DoesNotContain("已于", visitor);
        Assert.DoesNotContain("公司负责人", visitor);
        Assert.DoesNotContain("拒收", visitor);
    }

    [Fact]
    public void GroupComplaint_BothAccepted_SaysWhenEachWasToldInTheConfiguredZone()
    {
        var hq = new EscalationDelivery(EscalationRung.GroupComplaint, 0, "HqCustomerRelations", "Sent", Now.AddMinutes(-50));
        var head = new EscalationDelivery(EscalationRung.GroupComplaint, 0, "CompanyHead", "Sent", Now.AddMinutes(-45));
        var local = new EscalationDelivery(EscalationRung.GroupComplaint, 0, "CustomerRelations", "Failed", null);

        var line = Render(forStaff: false, hq, head, local).Find(".timeline-groupcomplaintraised").TextContent;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");
        var english = Render(forStaff: false, hq, head, local).Find(".timeline-groupcomplaintraised").TextContent;

        Assert.Contains("已于 2026/11/23 19:10 通知集团", line);
        Assert.Contains("已于 2026/11/23 19:15 通知公司负责人", line);
        Assert.Contains($"headquarters told at {new DateTime(2026, 11, 23, 19, 10, 0).ToString("g", CultureInfo.GetCultureInfo("en"))}", english);
        Assert.Contains("the company head was told at", english);
    }

    private sealed class NoCatalog : ICompanyRepository
    {
        public Task<IReadOnlyList<Company>> ListCompaniesAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Company>>([]);
        public Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Project>>([]);
        public Task<IReadOnlyList<Category>> ListCategoriesAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Category>>([]);
    }
}
