using System.Globalization;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Moderation;
using Forum.Web;
using Forum.Web.Moderation;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Forum.Tests.Web.Moderation;

/// <summary>The audit log's stored codes, read back in words: the formatter with the app's real string tables.</summary>
public sealed class AuditFormatterTests : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    private static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
        .Create(typeof(SharedResource));

    private static readonly Catalog Catalog = new(
        [
            new Company(1, "hq", CompanyKind.Headquarters, "集团总部", "Headquarters"),
            new Company(2, "shenzhen", CompanyKind.Local, "深圳公司", "Shenzhen Company"),
            new Company(3, "shanghai", CompanyKind.Local, "上海公司", "Shanghai Company"),
        ],
        [
            new Project(10, 2, "sz-bayview-garden", "湾景花园", "Bayview Garden", "深圳"),
            new Project(11, 3, "sh-binjiang-one", "滨江壹号", "Riverside One", "上海"),
        ],
        [
            new Category(20, "engineering", "工程质量", "Engineering quality"),
            new Category(21, "fees", "收费", "Fees"),
        ]);

    public void Dispose() => CultureInfo.CurrentUICulture = _culture;

    private static AuditLine Format(string culture, string action, string? before, string? after, string? beforePerson = null, string? afterPerson = null)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var entry = new AuditEntry(1, DateTime.UtcNow, "王经理", "LocalStaff", 5, action, before, after) { BeforePerson = beforePerson, AfterPerson = afterPerson };
        return AuditFormatter.Format(entry, Catalog, Localizer);
    }

    public static TheoryData<string, string, string?, string?, string, string?, string?> Rows() => new()
    {
        { "zh-CN", "Solution", "Answered", "SolutionProposed", "解决方案", "已回复", "已给方案" },
        { "en", "Solution", "Answered", "SolutionProposed", "Solution", "Answered", "Solution proposed" },
        { "zh-CN", "Close", "SolutionProposed", "Closed: 已更换水管", "关闭", "已给方案", "已关闭：已更换水管" },
        { "en", "Close", "SolutionProposed", "Closed: pipe replaced", "Close", "Solution proposed", "Closed: pipe replaced" },
        { "zh-CN", "Reopen", "Closed", "Reopened", "重新打开", "已关闭", "重新打开" },
        { "zh-CN", "Lock", "False", "True", "锁定", "未锁定", "已锁定" },
        { "en", "Unlock", "True", "False", "Unlock", "locked", "unlocked" },
        { "zh-CN", "ChangeCategory", "engineering", "fees", "修改分类", "工程质量", "收费" },
        { "en", "ChangeCategory", "engineering", "fees", "Change category", "Engineering quality", "Fees" },
        { "zh-CN", "Move", "sz-bayview-garden", "sh-binjiang-one", "移动项目", "湾景花园 · 深圳公司", "滨江壹号 · 上海公司" },
        { "en", "Move", "sz-bayview-garden", "sh-binjiang-one", "Move", "Bayview Garden · Shenzhen Company", "Riverside One · Shanghai Company" },
        { "zh-CN", "Merge", null, "T-000042", "合并", null, "合并到 T-000042" },
        { "en", "HidePost", "post 12: visible", "post 12: hidden (phone number)", "Hide a post", "reply #12 shown", "reply #12 hidden: phone number" },
        { "zh-CN", "UpholdReports", "post 12: 3 report(s)", "post 12: hidden (辱骂)", "举报成立", "回复 #12：3 条举报", "回复 #12 已隐藏：辱骂" },
        { "zh-CN", "DismissReports", "post 12: 1 report(s)", "post 12: shown", "举报驳回", "回复 #12：1 条举报", "回复 #12 公开显示" },
        { "en", "HidePhoto", "photo 7: visible", "photo 7: hidden (a face)", "Hide photo", "photo #7 shown", "photo #7 hidden: a face" },
        { "zh-CN", "AddProject", null, "sh-binjiang-one", "添加项目", null, "滨江壹号 · 上海公司" },
        { "en", "AddCompany", null, "shenzhen", "Add company", null, "Shenzhen Company" },
        { "zh-CN", "AddCategory", null, "fees", "添加分类", null, "收费" },
        { "en", "RenameCompany", null, "3: 上海公司 / Shanghai Co.", "Rename company", null, "上海公司 / Shanghai Co." },
        { "zh-CN", "AddRecipient", null, "3 CompanyHead boss@example.com", "添加接收人", null, "上海公司 · 公司负责人 · boss@example.com" },
        { "en", "InviteStaff", null, "li@example.com LocalStaff shanghai", "Invite staff", null, "li@example.com · the company's customer relations · Shanghai Company" },
        { "zh-CN", "InviteStaff", null, "zhao@example.com Executive ", "邀请员工", null, "zhao@example.com · 集团领导" },
        { "zh-CN", "ViewContact", null, null, "查看联系方式", null, null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Format_StoredCodes_ReadAsWordsOfTheReadersLanguage(string culture, string action, string? before, string? after, string name, string? shownBefore, string? shownAfter)
    {
        var line = Format(culture, action, before, after);

        Assert.Equal(new AuditLine(name, shownBefore, shownAfter), line);
    }

    [Theory]
    [InlineData("zh-CN", "李主任", "无人")]
    [InlineData("en", "李主任", "nobody")]
    public void Format_Assign_ShowsNamesNotAccountIds(string culture, string person, string nobody)
    {
        var assigned = Format(culture, "Assign", null, "17", afterPerson: person);
        var unassigned = Format(culture, "Assign", "17", null, beforePerson: person);

        Assert.Equal(person, assigned.After);
        Assert.Null(assigned.Before);
        Assert.Equal((person, nobody), (unassigned.Before, unassigned.After));
        Assert.DoesNotContain("17", assigned.After + unassigned.Before + unassigned.After);
    }

    [Fact]
    public void Format_AssignToAnAccountThatCannotBeFound_SaysSoInsteadOfTheId()
    {
        var line = Format("zh-CN", "Assign", null, "999");

        Assert.Equal("未知账号", line.After);
    }

    [Theory]
    [InlineData("Move", "a-project-since-removed")]
    [InlineData("HidePost", "something written by an older version")]
    [InlineData("Solution", "SomeFutureStatus")]
    public void Format_AValueItCannotRead_IsShownAsStored(string action, string stored)
    {
        var line = Format("zh-CN", action, null, stored);

        Assert.Equal(stored, line.After);
    }

    [Fact]
    public void Format_AnActionWithoutAName_IsShownByItsCode()
    {
        var line = Format("zh-CN", "SomethingNew", null, null);

        Assert.Equal("SomethingNew", line.Action);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void ActionName_EveryRecordedAct_HasItsOwnWordInBothLanguages(string culture)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);

        var names = AuditFormatter.Actions.Select(a => AuditFormatter.ActionName(a, Localizer)).ToList();

        Assert.All(AuditFormatter.Actions, a => Assert.False(Localizer["AuditAction" + a].ResourceNotFound, a));
        Assert.Equal(names.Count, names.Distinct().Count());
        if (culture == "zh-CN")
        {
            Assert.All(names, n => Assert.DoesNotMatch("[A-Za-z]", n));
        }
    }
}
