using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Firmware.Tests
{
    [TestClass]
    public sealed class NvtLineEditorTests
    {
        private static LineEvent Feed(NvtLineEditor e, AsciiWriter w, string s)
        {
            LineEvent last = LineEvent.None;
            foreach (char c in s)
            {
                LineEvent ev = e.Feed((byte)c, w);
                if (ev != LineEvent.None) last = ev;
            }
            return last;
        }

        private static string Line(NvtLineEditor e) => Encoding.ASCII.GetString(e.Line, 0, e.Length);

        [TestMethod]
        public void Backspace_and_delete_edit_with_visible_echo()
        {
            var e = new NvtLineEditor(16) { Echo = true };
            var w = new AsciiWriter(64);
            Assert.AreEqual(LineEvent.Completed, Feed(e, w, "abx\bc\u007fd\r\0"));
            Assert.AreEqual("abd", Line(e));
            Assert.AreEqual("abx\b \bc\b \bd\r\n", Encoding.ASCII.GetString(w.Buffer, w.Start, w.Count));
        }

        [TestMethod]
        public void Every_end_of_line_form_completes_exactly_one_line()
        {
            var e = new NvtLineEditor(16);
            var w = new AsciiWriter(64);
            int lines = 0;
            foreach (char c in "a\r\nb\r\0c\nd\re")
            {
                if (e.Feed((byte)c, w) == LineEvent.Completed)
                {
                    lines++;
                    e.Clear();
                }
            }
            Assert.AreEqual(4, lines);
            Assert.AreEqual("e", Line(e));
            Assert.AreEqual(0, w.Count, "no echo unless negotiated");
        }

        [TestMethod]
        public void Overlong_input_is_dropped_to_the_end_of_the_line()
        {
            var e = new NvtLineEditor(4) { Echo = true };
            var w = new AsciiWriter(64);
            Assert.AreEqual(LineEvent.TooLong, Feed(e, w, "abcdefgh\r\n"));
            Assert.AreEqual("abcd\u0007\r\n", Encoding.ASCII.GetString(w.Buffer, w.Start, w.Count));
            Assert.AreEqual(LineEvent.Completed, Feed(e, w, "ok\n"));
            Assert.AreEqual("ok", Line(e));
        }

        [TestMethod]
        public void Control_keys_and_secret_mode()
        {
            var e = new NvtLineEditor(16) { Echo = true, Secret = true };
            var w = new AsciiWriter(64);
            Assert.AreEqual(LineEvent.Interrupt, Feed(e, w, "pw\u0003"));
            Assert.AreEqual(0, e.Length);
            Assert.AreEqual(LineEvent.Erased, Feed(e, w, "xy\u0015"));
            Assert.AreEqual(LineEvent.EndOfInput, Feed(e, w, "\u0004"));
            Assert.AreEqual(LineEvent.None, Feed(e, w, "q\u0004"), "Ctrl-D only logs out on an empty line");
            Assert.AreEqual(LineEvent.Completed, Feed(e, w, "\u0001\u00ff\t\r"));
            Assert.AreEqual("q", Line(e), "controls, tab and 8-bit bytes are ignored");
            Assert.AreEqual("\r\n", Encoding.ASCII.GetString(w.Buffer, w.Start, w.Count), "secret input is not echoed");
        }
    }
}
