using Forum.Core.Accounts;
using Forum.Core.Complaints;

namespace Forum.Tests.Core.Complaints;

/// <summary>Every spelling of a phone number, ID number or e-mail address that people type, and what must stay.</summary>
public class PersonalDataMaskerTests
{
    [Theory]
    // Mobile numbers, as typed on a keyboard and by Chinese input methods.
    [InlineData("电话13812345678", "电话138****5678")]
    [InlineData("手机 138 1234 5678 找我", "手机 138****5678 找我")]
    [InlineData("手机138-1234-5678", "手机138****5678")]
    [InlineData("手机138.1234.5678", "手机138****5678")]
    [InlineData("手机 138 - 1234 - 5678", "手机 138****5678")]
    [InlineData("手机1381 234 5678", "手机138****5678")]
    [InlineData("手机１３８１２３４５６７８", "手机138****5678")]
    [InlineData("手机１３８　１２３４　５６７８。", "手机138****5678。")]
    [InlineData("手机１３８－１２３４－５６７８", "手机138****5678")]
    [InlineData("手机13８1234567８", "手机138****5678")]
    [InlineData("手机138\u200B1234\u200B5678", "手机138****5678")]
    [InlineData("手机١٣٨١٢٣٤٥٦٧٨", "手机138****5678")]
    [InlineData("+86 13912345678", "139****5678")]
    [InlineData("+86-139-1234-5678", "139****5678")]
    [InlineData("+8613912345678", "139****5678")]
    [InlineData("0086 13912345678", "139****5678")]
    [InlineData("００８６　１３９１２３４５６７８", "139****5678")]
    [InlineData("＋８６１３９１２３４５６７８", "139****5678")]
    // Landlines.
    [InlineData("座机010-12345678", "座机010-****5678")]
    [InlineData("(0755)1234567", "0755-****4567")]
    [InlineData("座机 0755 8888 6666", "座机 0755-****6666")]
    [InlineData("座机０２１－１２３４５６７８", "座机021-****5678")]
    [InlineData("座机 +86 755 1234 5678", "座机 0755-****5678")]
    // ID numbers: whole, spaced, dashed, full-width, with an X.
    [InlineData("身份证110101199003071234", "身份证110101********1234")]
    [InlineData("身份证 44030519851231123X。", "身份证 440305********123X。")]
    [InlineData("身份证 44030519851231123x", "身份证 440305********123X")]
    [InlineData("身份证 110101 19900307 4518", "身份证 110101********4518")]
    [InlineData("身份证110101-19900307-4518", "身份证110101********4518")]
    [InlineData("身份证 110101 1990 0307 451X", "身份证 110101********451X")]
    [InlineData("身份证１１０１０１１９９００３０７４５１８", "身份证110101********4518")]
    // E-mail addresses, ASCII, internationalized and full-width.
    [InlineData("邮箱 zhang.san@example.com 联系", "邮箱 z***@example.com 联系")]
    [InlineData("邮箱leak@例子.公司", "邮箱l***@例子.公司")]
    [InlineData("邮箱 leak@例子。公司", "邮箱 l***@例子。公司")]
    [InlineData("邮箱ｌｅａｋ＠ｅｘａｍｐｌｅ．ｃｏｍ", "邮箱l***@ｅｘａｍｐｌｅ．ｃｏｍ")]
    [InlineData("邮箱 ｌｅａｋ＠例子．公司", "邮箱 l***@例子．公司")]
    // Several in one text.
    [InlineData("电话13812345678，邮箱a@b.cn，身份证110101199003071234", "电话138****5678，邮箱a***@b.cn，身份证110101********1234")]
    public void Mask_PersonalData_IsMasked(string text, string expected) =>
        Assert.Equal(expected, PersonalDataMasker.Mask(text));

    [Theory]
    [InlineData("5栋1203卫生间漏水")]
    [InlineData("2026-11-23 交房")]
    [InlineData("2026-12-02 10:30 看房，2026.12.03 再来")]
    [InlineData("物业费 3.5 元/平方米，涨到 4.8 元")]
    [InlineData("总价 1,380,000 元，首付 138 万")]
    [InlineData("T-000123")]
    [InlineData("见 T-000123 和 T-013812")]
    [InlineData("3-2-1101 室")]
    [InlineData("12栋2单元1101，车位 B2-138")]
    [InlineData("订单号 12345678901234567890 不是手机号")]
    [InlineData("合同编号 20261202-0001")]
    [InlineData("面积 138.12 平方米，层高 3.05 米")]
    [InlineData("１２栋２单元，２０２６年１２月２日")]
    [InlineData("")]
    public void Mask_OrdinaryText_IsUnchanged(string text) =>
        Assert.Equal(text, PersonalDataMasker.Mask(text));

    [Theory]
    [InlineData("13812345678")]
    [InlineData("１３８１２３４５６７８")]
    [InlineData("小王 138 1234 5678")]
    [InlineData("zhang@example.com")]
    [InlineData("110101199003071234")]
    public void ValidateDisplayName_PersonalData_IsRefused(string name)
    {
        var errors = new List<FieldError>();

        AccountRules.ValidateDisplayName(name, errors);

        Assert.Equal("NameLooksPersonal", Assert.Single(errors).Code);
    }

    [Theory]
    [InlineData("湾景业主小陈")]
    [InlineData("3栋业主")]
    [InlineData("Linda 2026")]
    public void ValidateDisplayName_OrdinaryName_IsAccepted(string name)
    {
        var errors = new List<FieldError>();

        AccountRules.ValidateDisplayName(name, errors);

        Assert.Empty(errors);
    }
}
