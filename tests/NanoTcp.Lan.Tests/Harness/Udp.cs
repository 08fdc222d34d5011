using System;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Lan.Tests.Harness
{
    /// <summary>Test-side UDP codec (RFC 768), written from the RFC, independent of the stack's.</summary>
    public sealed class Udp
    {
        public ushort SourcePort;
        public ushort DestinationPort;
        public byte[] Payload = Array.Empty<byte>();
        public ushort Checksum;

        /// <summary>Encodes with the pseudo-header checksum (or a zero checksum when <paramref name="withChecksum"/> is false).</summary>
        public byte[] Encode(uint source, uint destination, bool withChecksum = true)
        {
            var d = new byte[8 + Payload.Length];
            Bytes.Put16(d, 0, SourcePort);
            Bytes.Put16(d, 2, DestinationPort);
            Bytes.Put16(d, 4, d.Length);
            Array.Copy(Payload, 0, d, 8, Payload.Length);
            if (withChecksum)
            {
                ushort c = InternetChecksum.Finish(InternetChecksum.Add(InternetChecksum.PseudoHeader(source, destination, 17, d.Length), d, 0, d.Length));
                Bytes.Put16(d, 6, c == 0 ? 0xFFFF : c);
            }
            return d;
        }

        /// <summary>Parses and verifies the checksum; null with <paramref name="error"/> otherwise.</summary>
        public static Udp Parse(byte[] d, uint source, uint destination, out string error)
        {
            error = null;
            if (d.Length < 8) { error = "UDP header truncated"; return null; }
            int length = Bytes.U16(d, 4);
            if (length < 8 || length > d.Length) { error = "UDP length " + length; return null; }
            ushort sum = Bytes.U16(d, 6);
            if (sum == 0) { error = "UDP without checksum"; return null; }
            if (InternetChecksum.Finish(InternetChecksum.Add(InternetChecksum.PseudoHeader(source, destination, 17, length), d, 0, length)) != 0)
            { error = "bad UDP checksum"; return null; }
            return new Udp { SourcePort = Bytes.U16(d, 0), DestinationPort = Bytes.U16(d, 2), Checksum = sum, Payload = Bytes.Slice(d, 8, length - 8) };
        }
    }
}
