namespace Forum.Web;

/// <summary>Marker for the shared string table: Resources/SharedResource.resx (en) and SharedResource.zh-CN.resx.</summary>
public sealed class SharedResource;
