using Forum.Core.Complaints;

namespace Forum.Tests.Support;

/// <summary>
/// HQ and the Shenzhen company with one project, a homeowner, and escalation recipients: HQ customer relations
/// (zh-CN), an English-reading HQ executive, Shenzhen customer relations and the Shenzhen head.
/// </summary>
public sealed record EscalationWorld(TestData Data, long Headquarters, long Shenzhen, long Project, long Author)
{
    public const string HqCustomerRelations = "hq.cr@example.com";
    public const string HqExecutive = "cco@example.com";
    public const string ShenzhenCustomerRelations = "sz.cr@example.com";
    public const string ShenzhenHead = "sz.head@example.com";

    public static Task<EscalationWorld> CreateAsync(TestDatabase test) => CreateAsync(test.Database);

    public static async Task<EscalationWorld> CreateAsync(Forum.Data.Database.ForumDatabase database)
    {
        var data = new TestData(database);
        var hq = await data.CompanyAsync("hq", "Headquarters");
        var shenzhen = await data.CompanyAsync("shenzhen");
        var project = await data.ProjectAsync(shenzhen, "sz-bay");
        var author = await data.UserAsync("湾景业主");
        await data.RecipientAsync(hq, "CustomerRelations", HqCustomerRelations, name: "集团客户关系中心");
        await data.RecipientAsync(hq, "Executive", HqExecutive, "en", "Chief Customer Officer");
        await data.RecipientAsync(shenzhen, "CustomerRelations", ShenzhenCustomerRelations, name: "深圳客户关系部");
        await data.RecipientAsync(shenzhen, "CompanyHead", ShenzhenHead, name: "深圳公司总经理");
        return new EscalationWorld(data, hq, shenzhen, project, author);
    }

    public Task<long> ThreadAsync(DateTime postedAt, string title = "5栋1203卫生间漏水", int coSigns = 0) =>
        Data.ThreadAsync(Project, Author, postedAt, title, ThreadStatus.Open, coSigns: coSigns);
}
