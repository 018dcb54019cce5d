using Forum.Core.Companies;
using Forum.Core.Complaints;

namespace Forum.Tests.Core.Complaints;

public class ComplaintRulesTests
{
    private static readonly Catalog Catalog = new(
        [
            new Company(1, "hq", CompanyKind.Headquarters, "集团总部", "HQ"),
            new Company(2, "shenzhen", CompanyKind.Local, "深圳公司", "Shenzhen"),
            new Company(3, "shanghai", CompanyKind.Local, "上海公司", "Shanghai"),
        ],
        [new Project(10, 2, "sz-bay", "湾景花园", "Bayview", "深圳"), new Project(11, 3, "sh-river", "滨江壹号", "Riverside", "上海")],
        [new Category(100, "engineering", "工程质量", "Engineering quality")]);

    private static ComplaintDraft Draft() => new()
    {
        Company = "shenzhen", Project = "sz-bay", Category = "engineering", Title = "卫生间漏水严重", Body = "楼下天花板已经泡坏了，请尽快处理。",
        RealName = "陈大文", Phone = "138 1234 5678", Unit = "5栋1203", RequestId = Guid.NewGuid().ToString("N"),
    };

    private static IEnumerable<(string, string)> Codes(IReadOnlyList<FieldError> errors) => errors.Select(e => (e.Field, e.Code));

    [Fact]
    public void Validate_GoodDraft_ResolvesIds()
    {
        var (complaint, errors) = ComplaintRules.Validate(Draft(), Catalog);

        Assert.Empty(errors);
        Assert.Equal((2L, 10L, 100L), (complaint!.CompanyId, complaint.ProjectId, complaint.CategoryId));
    }

    [Fact]
    public void Validate_ProjectOfAnotherCompany_IsRefused()
    {
        var draft = Draft();
        draft.Project = "sh-river";

        var (complaint, errors) = ComplaintRules.Validate(draft, Catalog);

        Assert.Null(complaint);
        Assert.Equal([("Project", "ProjectNotInCompany")], Codes(errors));
    }

    [Fact]
    public void Validate_HeadquartersOrForgedIds_AreRefused()
    {
        var draft = Draft();
        draft.Company = "hq";
        draft.Project = "10";
        draft.Category = "' OR 1=1 --";

        var (_, errors) = ComplaintRules.Validate(draft, Catalog);

        Assert.Equal([("Company", "Required"), ("Project", "Required"), ("Category", "Required")], Codes(errors));
    }

    [Fact]
    public void Validate_EmptyOversizedAndBadPhone_AreReportedWithTheLimits()
    {
        var draft = Draft();
        draft.Title = "   ";
        draft.Body = new string('字', ComplaintRules.BodyMax + 1);
        draft.Phone = "call me maybe";
        draft.RequestId = null;

        var (_, errors) = ComplaintRules.Validate(draft, Catalog);

        Assert.Contains(("Title", "Required"), Codes(errors));
        var body = errors.Single(e => e.Field == "Body");
        Assert.Equal(("TooLong", ComplaintRules.BodyMax, ComplaintRules.BodyMax + 1), (body.Code, (int)body.Arguments[0], (int)body.Arguments[1]));
        Assert.Contains(("Phone", "Phone"), Codes(errors));
        Assert.Contains(("Form", "Expired"), Codes(errors));
    }

    [Fact]
    public void Validate_EmojiCountAsOneCharacter_AndMarkupOrRightToLeftTextIsKeptAsTyped()
    {
        var draft = Draft();
        draft.Title = "漏水😡😡😡";
        draft.Body = "<script>alert('x')</script> مرحبا\r\n\r\n第二段";

        var (complaint, errors) = ComplaintRules.Validate(draft, Catalog);

        Assert.Empty(errors);
        Assert.Equal("漏水😡😡😡", complaint!.Title);
        Assert.Equal("<script>alert('x')</script> مرحبا\n\n第二段", complaint.Body);
    }

    [Fact]
    public void Clean_DropsControlCharacters_KeepsLineBreaks() =>
        Assert.Equal("a\nb", ComplaintRules.Clean("\u0000a\r\n\u0007b\u200B".Replace("\u200B", "")));

    [Theory]
    [InlineData(null, "Required")]
    [InlineData("", "Required")]
    [InlineData("好", null)]
    public void ValidateReply_RequiresText(string? body, string? code) =>
        Assert.Equal(code, ComplaintRules.ValidateReply(body).SingleOrDefault()?.Code);
}
