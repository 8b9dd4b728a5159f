using System.Text;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Tests.Reporting;

public class ValueTextTests
{
    [Fact]
    public void ShortValue_IsWhole()
    {
        var (text, truncated, length) = ValueText.Cut("abc"u8, 200);
        Assert.Equal(("abc", false, 3), (text, truncated, length));
    }

    [Fact]
    public void LongValue_IsCutAndKeepsItsFullLength()
    {
        var value = new string('é', 1_000_000);
        var (text, truncated, length) = ValueText.Cut(Encoding.UTF8.GetBytes(value), 200);

        Assert.Equal(new string('é', 200), text);
        Assert.True(truncated);
        Assert.Equal(1_000_000, length);
    }

    [Fact]
    public void Cut_NeverSplitsASurrogatePair()
    {
        var value = new string('a', 199) + "😀" + "tail";
        var (text, truncated, _) = ValueText.Cut(Encoding.UTF8.GetBytes(value), 200);

        Assert.Equal(new string('a', 199), text);
        Assert.True(truncated);
    }
}
