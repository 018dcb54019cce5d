using Forum.Core.Complaints;

namespace Forum.Tests.Core.Complaints;

public class PersonalDataMaskerTests
{
    [Theory]
    [InlineData("电话13812345678", "电话138****5678")]
    [InlineData("手机 138 1234 5678 找我", "手机 138****5678 找我")]
    [InlineData("+86 13912345678", "139****5678")]
    [InlineData("座机010-12345678", "座机010-****5678")]
    [InlineData("(0755)1234567", "0755-****4567")]
    [InlineData("身份证110101199003071234", "身份证110101********1234")]
    [InlineData("身份证 44030519851231123X。", "身份证 440305********123X。")]
    [InlineData("邮箱 zhang.san@example.com 联系", "邮箱 z***@example.com 联系")]
    public void Mask_PersonalData_IsMasked(string text, string expected) =>
        Assert.Equal(expected, PersonalDataMasker.Mask(text));

    [Theory]
    [InlineData("5栋1203卫生间漏水")]
    [InlineData("2026-11-23 交房")]
    [InlineData("物业费 3.5 元/平方米，涨到 4.8 元")]
    [InlineData("T-000123")]
    [InlineData("订单号 12345678901234567890 不是手机号")]
    public void Mask_OrdinaryText_IsUnchanged(string text) =>
        Assert.Equal(text, PersonalDataMasker.Mask(text));
}
