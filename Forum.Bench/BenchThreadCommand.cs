using System.Globalization;
using System.Security.Claims;
using Dapper;
using Forum.Core.Accounts;
using Forum.Core.Complaints;
using Forum.Core.Moderation;
using Forum.Data.Database;
using Forum.Web.Accounts;
using Forum.Web.Complaints;
using Forum.Web.Configuration;
using Forum.Web.Jobs;
using Forum.Web.Moderation;

namespace Forum.Bench;

/// <summary>
/// <c>bench-thread-data [--events 200]</c>: writes one complaint whose record holds at least that many events, through
/// the real services a homeowner's and a staff member's forms call (<see cref="ComplaintService"/>,
/// <see cref="ModerationService"/>): cycles of a homeowner reply, an official reply, waiting for the homeowner, their
/// answer (the clock resumes), a solution, the closing and the author's reopening with a reason. Prints the
/// complaint's number on the last line, for scripts/bench-thread.sh, which then times its page over HTTP. Adds to the
/// database it runs on: use a bench directory.
/// </summary>
public static class BenchThreadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Option(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        var wanted = Option("--events", 200);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Forum:DemoData"] ??= "true";
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddForum(builder.Configuration);
        builder.Services.AddForumJobs(builder.Configuration);
        builder.Services.AddForumAccounts(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var host = builder.Build();
        await host.Services.InitializeDatabaseAsync();

        var database = host.Services.GetRequiredService<ForumDatabase>();
        await using var connection = await database.OpenAsync();
        const string UserSql = "SELECT Id, DisplayName, CompanyId FROM Users WHERE NormalizedEmail = @Email";
        var homeowner = await connection.QuerySingleAsync<(long Id, string DisplayName, long? CompanyId)>(UserSql, new { Email = "HOMEOWNER@EXAMPLE.COM" });
        var local = await connection.QuerySingleAsync<(long Id, string DisplayName, long? CompanyId)>(UserSql, new { Email = "SHENZHEN.STAFF@EXAMPLE.COM" });
        var author = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, homeowner.Id.ToString(CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Role, ForumRoles.Homeowner)], "bench"));
        var staff = new StaffMember(local.Id, local.DisplayName, new HashSet<string> { ForumRoles.LocalStaff }, local.CompanyId);

        using var scope = host.Services.CreateScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var moderation = scope.ServiceProvider.GetRequiredService<ModerationService>();
        var posted = await complaints.PostAsync(author, new ComplaintDraft
        {
            Company = "shenzhen", Project = "sz-bayview-garden", Category = "engineering",
            Title = "压测：一条记录很长的投诉（卫生间反复漏水）", Body = "卫生间楼板反复漏水到楼下，修了好几次都没有彻底解决，请一次查清原因。",
            RealName = "压测业主", Phone = "13800000000", Unit = "1栋101", RequestId = Guid.NewGuid().ToString("N"),
        });
        var threadId = posted.ThreadId ?? throw new InvalidOperationException("the complaint was refused");

        async Task<int> EventsAsync() => await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ThreadEvents WHERE ThreadId = @ThreadId", new { ThreadId = threadId });
        static void Check(bool done, string act)
        {
            if (!done)
            {
                throw new InvalidOperationException($"{act} was refused");
            }
        }

        for (var cycle = 1; await EventsAsync() < wanted; cycle++)
        {
            string Text(string what) => $"第{cycle}轮：{what}";
            Check((await complaints.ReplyAsync(author, threadId, Text("楼下又反映天花板滴水，请尽快安排。"), Guid.NewGuid().ToString("N"))).Succeeded, "reply");
            Check((await moderation.PostAsync(staff, threadId, PostKind.OfficialReply, Text("已收到，工程部明天上门做闭水试验，请告知方便的时间。"), Guid.NewGuid().ToString("N"))).Refusal == StaffRefusal.None, "official reply");
            Check((await moderation.AwaitHomeownerAsync(staff, threadId, Text("请确认上门时间。"))).Refusal == StaffRefusal.None, "awaiting the homeowner");
            Check((await complaints.ReplyAsync(author, threadId, Text("明天上午九点以后都在家。"), Guid.NewGuid().ToString("N"))).Succeeded, "the homeowner's answer");
            Check((await moderation.PostAsync(staff, threadId, PostKind.Solution, Text("重做淋浴区防水层并闭水48小时，楼下天花板由我司修复。"), Guid.NewGuid().ToString("N"))).Refusal == StaffRefusal.None, "solution");
            Check((await moderation.CloseAsync(staff, threadId, Text("防水层重做完成，闭水试验无渗漏。"))).Refusal == StaffRefusal.None, "closing");
            Check(await complaints.ReopenAsync(author, threadId, Text("下雨后又漏了，申请重新处理。")) == PostingRefusal.None, "reopening");
        }

        Console.WriteLine($"{await EventsAsync()} events in the record of complaint {ThreadNumber.Format(threadId)}");
        Console.WriteLine(ThreadNumber.Format(threadId));
        return 0;
    }
}
