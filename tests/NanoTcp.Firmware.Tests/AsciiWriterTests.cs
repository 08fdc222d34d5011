using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;

namespace NanoTcp.Firmware.Tests
{
    [TestClass]
    public sealed class AsciiWriterTests
    {
        private static string Text(AsciiWriter w) => Encoding.ASCII.GetString(w.Buffer, w.Start, w.Count);

        [TestMethod]
        public void Decimal_numbers_including_extremes()
        {
            var w = new AsciiWriter(128);
            w.WriteDecimal(0);
            w.Write(' ');
            w.WriteDecimal(-42);
            w.Write(' ');
            w.WriteDecimal(long.MinValue);
            w.Write(' ');
            w.WriteDecimal(long.MaxValue);
            Assert.AreEqual("0 -42 -9223372036854775808 9223372036854775807", Text(w));
        }

        [TestMethod]
        public void Right_alignment_zero_padding_and_hex()
        {
            var w = new AsciiWriter(64);
            w.WriteDecimal(7, 4);
            w.WriteZeroPadded(5, 2);
            w.WriteDecimal(123456, 3);
            w.WriteHex(0xAB, 2);
            Assert.AreEqual("   705123456ab", Text(w));
        }

        [TestMethod]
        public void Addresses_and_endpoints()
        {
            var w = new AsciiWriter(128);
            w.WriteEndpoint(Ip4.Address(192, 0, 2, 255), 65535);
            w.Write(' ');
            w.WriteMac(new byte[] { 9, 2, 0x4E, 0x54, 0xFF, 0x01, 0x00 }, 1);
            w.Write(' ');
            w.WriteMac(0x0000_0A0B0C0D0E0FL);
            Assert.AreEqual("192.0.2.255:65535 02:4e:54:ff:01:00 0a:0b:0c:0d:0e:0f", Text(w));
        }

        [TestMethod]
        public void Columns_pad_relative_to_the_line_start()
        {
            var w = new AsciiWriter(128);
            w.Write("ab");
            w.PadTo(5);
            w.Write("c");
            w.NewLine();
            w.Write("abcdef");
            w.PadTo(3);
            w.Write("g");
            Assert.AreEqual("ab   c\r\nabcdef g", Text(w));
        }

        [TestMethod]
        public void Consume_keeps_the_rest_and_overflow_truncates()
        {
            var w = new AsciiWriter(8);
            w.Write("0123456789");
            Assert.IsTrue(w.Overflowed);
            Assert.AreEqual("01234567", Text(w));
            w.Consume(5);
            Assert.AreEqual("567", Text(w));
            Assert.AreEqual(5, w.Free);
            w.Write((char)0x20AC);
            Assert.AreEqual("567?", Text(w));
        }

        [TestMethod]
        public void Partial_consume_moves_no_bytes_until_a_write_needs_the_room()
        {
            var w = new AsciiWriter(8);
            w.Write("abcdef");
            byte[] before = (byte[])w.Buffer.Clone();
            w.Consume(4);
            Assert.AreEqual(4, w.Start, "TCP took 4 bytes: the rest stays where it is");
            CollectionAssert.AreEqual(before, w.Buffer, "no copy on consume");
            Assert.AreEqual("ef", Text(w));
            w.Write("gh");                                  // fits at the end: still no move
            Assert.AreEqual(4, w.Start);
            w.Write("ij");                                  // needs the room: one move to the front
            Assert.AreEqual(0, w.Start);
            Assert.AreEqual("efghij", Text(w));
        }
    }
}
