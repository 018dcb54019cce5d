using System.Xml.Linq;

namespace Forum.Tests.Architecture;

public class LayeringTests
{
    private static readonly string[] Forbidden =
        ["Dapper", "Microsoft.Data", "System.Data.SqlClient", "DbUp", "Hangfire", "MailKit", "MimeKit", "Microsoft.AspNetCore", "Microsoft.Extensions.Hosting"];

    [Fact]
    public void Core_ReferencesNoDatabaseWebJobOrMailAssembly()
    {
        var referenced = typeof(Forum.Core.Complaints.ThreadNumber).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var offending = referenced.Where(name => Forbidden.Any(f => name.StartsWith(f, StringComparison.OrdinalIgnoreCase))).ToList();

        Assert.True(offending.Count == 0, "Forum.Core references " + string.Join(", ", offending));
        Assert.Contains("System.Runtime", referenced);
    }

    [Fact]
    public void Core_ProjectFileHasNoPackageOrFrameworkReferences()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot.Path, "Forum.Core", "Forum.Core.csproj"));

        var references = project.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "FrameworkReference" or "ProjectReference")
            .Select(e => (string?)e.Attribute("Include")).ToList();

        Assert.Empty(references);
        Assert.Equal("Microsoft.NET.Sdk", (string?)project.Root!.Attribute("Sdk"));
    }

    [Fact]
    public void Data_DoesNotReferenceTheWebLayer()
    {
        var referenced = typeof(Forum.Data.Database.ForumDatabase).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.DoesNotContain(referenced, name => name.StartsWith("Forum.Web", StringComparison.Ordinal) || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void WebBinary_CarriesNoBenchmarkOrGeneratorCommand()
    {
        // generate-data writes to and bench-escalation deletes from the database they are given: they live in
        // Forum.Bench, which is never deployed, and the web binary knows nothing of them.
        var web = typeof(Forum.Web.Configuration.ForumOptions).Assembly;
        var bench = typeof(Forum.Bench.BenchProgram).Assembly;

        Assert.DoesNotContain(web.GetTypes(), t => t.Name.EndsWith("Command", StringComparison.Ordinal) || t.Namespace?.EndsWith(".Generator", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(web.GetReferencedAssemblies(), a => a.Name == bench.GetName().Name);
        Assert.Contains(bench.GetTypes(), t => t.Name == "BenchEscalationCommand");
        Assert.Contains(bench.GetTypes(), t => t.Name == "GenerateDataCommand");
    }
}
