using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Firmware.Tests
{
    [TestClass]
    public sealed class CommandLineTests
    {
        private static CommandLine Parse(string s)
        {
            var c = new CommandLine();
            byte[] b = Encoding.ASCII.GetBytes(s);
            c.Parse(b, b.Length);
            return c;
        }

        [TestMethod]
        public void Words_numbers_and_addresses()
        {
            CommandLine c = Parse("  PING\t192.0.2.1   12 ");
            Assert.AreEqual(3, c.Count);
            Assert.IsTrue(c.WordIs(0, "ping"));
            Assert.IsTrue(c.TryGetIp(1, out uint ip));
            Assert.AreEqual(0xC0000201u, ip);
            Assert.IsTrue(c.TryGetNumber(2, out int n));
            Assert.AreEqual(12, n);
            Assert.IsFalse(c.TryGetNumber(3, out _));
        }

        [TestMethod]
        public void Bad_numbers_and_addresses_are_rejected()
        {
            foreach (string bad in new[] { "x 1.2.3", "x 1.2.3.4.5", "x 256.1.1.1", "x 1..2.3", "x a.b.c.d", "x 1.2.3.4x", "x .1.2.3" })
            {
                Assert.IsFalse(Parse(bad).TryGetIp(1, out _), bad);
            }
            Assert.IsFalse(Parse("x 1234567890").TryGetNumber(1, out _));
            Assert.IsFalse(Parse("x -1").TryGetNumber(1, out _));
        }

        [TestMethod]
        public void Extra_words_are_counted_not_stored()
        {
            CommandLine c = Parse("a b c d e f g h i j");
            Assert.AreEqual(CommandLine.MaxWords, c.Count);
            Assert.AreEqual(2, c.ExtraWords);
        }
    }
}
