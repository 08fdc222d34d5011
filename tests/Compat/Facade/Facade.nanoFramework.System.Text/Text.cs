// Facade of nanoFramework.System.Text 1.3.42 (subset: one type, so the listing check has a line to compare).
namespace System.Text
{
    public abstract class Decoder
    {
        public abstract void Convert(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex, int charCount, bool flush, out int bytesUsed, out int charsUsed, out bool completed);
    }
}
