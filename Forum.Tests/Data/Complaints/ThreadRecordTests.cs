using System.Data.Common;
using System.Text.RegularExpressions;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Data.Complaints;
using Forum.Tests.Support;

namespace Forum.Tests.Data.Complaints;

/// <summary>The record is append-only: the database refuses any change to an event, and no code asks for one.</summary>
public class ThreadRecordTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Events_CannotBeUpdatedOrDeleted_ByAnyStatement(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var data = new TestData(test.Database);
        var project = await data.ProjectAsync(await data.CompanyAsync("shenzhen"));
        var author = await data.UserAsync();
        var writer = new ComplaintWriter(test.Database, new EscalationPolicy(new EscalationOptions()));
        var companyId = await data.ScalarAsync<long>("SELECT CompanyId FROM Projects WHERE Id = @Id", new { Id = project });
        var thread = await writer.CreateThreadAsync(
            new ValidComplaint(companyId, project, await data.CategoryIdAsync(), "卫生间漏水", "楼上渗水到我家卫生间。", "张三", "13800001111", "3栋101", "record-test"),
            author, Now);

        await Assert.ThrowsAnyAsync<DbException>(() => data.ScalarAsync<int>("UPDATE ThreadEvents SET Text = 'rewritten' WHERE ThreadId = @Id", new { Id = thread }));
        await Assert.ThrowsAnyAsync<DbException>(() => data.ScalarAsync<int>("DELETE FROM ThreadEvents WHERE ThreadId = @Id", new { Id = thread }));

        Assert.Equal(["Posted"], (await data.QueryAsync<string>("SELECT Kind FROM ThreadEvents WHERE ThreadId = @Id", new { Id = thread })).ToList());
    }

    [Fact]
    public void NoCode_UpdatesOrDeletesAnEvent_AndOnlyThreadRecordAppends()
    {
        var offenders = new List<string>();
        var appenders = new List<string>();
        foreach (var file in new[] { "Forum.Core", "Forum.Data", "Forum.Web" }
                     .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, project), "*.*", SearchOption.AllDirectories))
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            if (Regex.IsMatch(text, @"(UPDATE|DELETE\s+FROM|TRUNCATE\s+TABLE)\s+(dbo\.)?ThreadEvents", RegexOptions.IgnoreCase))
            {
                offenders.Add(file);
            }

            if (Regex.IsMatch(text, @"INSERT\s+INTO\s+(dbo\.)?ThreadEvents", RegexOptions.IgnoreCase))
            {
                appenders.Add(Path.GetFileName(file));
            }
        }

        Assert.Empty(offenders);
        // ThreadRecord for every act; the generator bulk-writes the record of the rows it makes up.
        Assert.Equal(["SyntheticDataGenerator.cs", "ThreadRecord.cs"], appenders.Order(StringComparer.Ordinal));
    }
}
