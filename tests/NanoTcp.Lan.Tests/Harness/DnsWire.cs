using System;
using System.Collections.Generic;
using System.Text;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Lan.Tests.Harness
{
    /// <summary>Test-side DNS codec (RFC 1035 §4), written from the RFC: parses questions, builds answers byte by byte.</summary>
    public static class DnsWire
    {
        public sealed class Question
        {
            public ushort Id;
            public ushort Flags;
            public string Name;
            public ushort Type, Class;
            public int QuestionCount, AnswerCount;
            public List<(string Name, ushort Type, ushort Class, uint Ttl, byte[] Data)> Answers = new();
        }

        /// <summary>Uncompressed labels of a dotted name.</summary>
        public static byte[] Name(string dotted)
        {
            var list = new List<byte>();
            foreach (string label in dotted.TrimEnd('.').Split('.'))
            {
                if (label.Length == 0) continue;
                list.Add((byte)label.Length);
                list.AddRange(Encoding.ASCII.GetBytes(label));
            }
            list.Add(0);
            return list.ToArray();
        }

        /// <summary>Reads a (possibly compressed) name; pointers must go backwards (the test codec's own check).</summary>
        public static string ReadName(byte[] m, ref int p)
        {
            var sb = new StringBuilder();
            int i = p, jumps = 0;
            bool jumped = false;
            while (true)
            {
                int len = m[i];
                if ((len & 0xC0) == 0xC0)
                {
                    int target = ((len & 0x3F) << 8) | m[i + 1];
                    if (target >= i || ++jumps > 20) throw new FormatException("bad pointer");
                    if (!jumped) p = i + 2;
                    jumped = true;
                    i = target;
                    continue;
                }
                if (len == 0) { if (!jumped) p = i + 1; break; }
                if (sb.Length > 0) sb.Append('.');
                sb.Append(Encoding.ASCII.GetString(m, i + 1, len));
                i += 1 + len;
            }
            return sb.ToString();
        }

        public static Question Parse(byte[] m)
        {
            var q = new Question { Id = Bytes.U16(m, 0), Flags = Bytes.U16(m, 2), QuestionCount = Bytes.U16(m, 4), AnswerCount = Bytes.U16(m, 6) };
            int p = 12;
            if (q.QuestionCount > 0)
            {
                q.Name = ReadName(m, ref p);
                q.Type = Bytes.U16(m, p); q.Class = Bytes.U16(m, p + 2);
                p += 4;
                for (int i = 1; i < q.QuestionCount; i++) { ReadName(m, ref p); p += 4; }
            }
            for (int i = 0; i < q.AnswerCount; i++)
            {
                string n = ReadName(m, ref p);
                ushort t = Bytes.U16(m, p), c = Bytes.U16(m, p + 2);
                uint ttl = Bytes.U32(m, p + 4);
                int len = Bytes.U16(m, p + 8);
                q.Answers.Add((n, t, c, ttl, Bytes.Slice(m, p + 10, len)));
                p += 10 + len;
            }
            return q;
        }

        /// <summary>A response builder: header, the question echoed, then raw answer bytes the test composes.</summary>
        public sealed class Response
        {
            private readonly List<byte> _b = new List<byte>();
            public Response(ushort id, int rcode, int questions, int answers, ushort flags = 0x8180)
            {
                Add16(id); Add16((ushort)(flags | rcode)); Add16(questions); Add16(answers); Add16(0); Add16(0);
            }
            public int Offset => _b.Count;
            public Response Add16(int v) { _b.Add((byte)(v >> 8)); _b.Add((byte)v); return this; }
            public Response Add32(uint v) { Add16((int)(v >> 16)); return Add16((int)(v & 0xFFFF)); }
            public Response Raw(params byte[] bytes) { _b.AddRange(bytes); return this; }
            public Response Question(string name, int type = 1) { Raw(Name(name)); Add16(type); return Add16(1); }
            public Response Pointer(int offset) => Raw((byte)(0xC0 | (offset >> 8)), (byte)offset);
            /// <summary>An RR whose owner name bytes are <paramref name="owner"/> (labels or a pointer).</summary>
            public Response Record(byte[] owner, int type, uint ttl, byte[] data, int cls = 1)
            {
                Raw(owner); Add16(type); Add16(cls); Add32(ttl); Add16(data.Length); return Raw(data);
            }
            public byte[] Bytes() => _b.ToArray();
        }

        public static byte[] Ptr(int offset) => new[] { (byte)(0xC0 | (offset >> 8)), (byte)offset };
        public static byte[] A(uint ip) { var d = new byte[4]; NanoTcp.Scenarios.Harness.Wire.Bytes.Put32(d, 0, ip); return d; }
    }
}
