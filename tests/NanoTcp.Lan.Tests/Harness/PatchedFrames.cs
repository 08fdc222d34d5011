using System;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Lan.Tests.Harness
{
    /// <summary>
    /// Fixed frame buffers for the allocation test: <see cref="Rx"/> holds the next frame to deliver (loaded from a
    /// template, then patched in place: ids, ports, and its UDP checksum recomputed without allocating),
    /// <see cref="Tx"/> the last frame the stack sent. Both cross the <see cref="PeerEnd"/> of the cable.
    /// </summary>
    public sealed class PatchedFrames
    {
        public readonly byte[] Rx = new byte[1514];
        public int RxLength;
        public readonly byte[] Tx = new byte[1514];

        /// <summary>Loads <paramref name="frame"/> as the next frame to deliver.</summary>
        public void Load(byte[] frame)
        {
            Array.Copy(frame, 0, Rx, 0, frame.Length);
            RxLength = frame.Length;
        }

        /// <summary>Recomputes the UDP checksum of the IPv4/UDP frame in <see cref="Rx"/> (20-byte IP header).</summary>
        public void FixUdpChecksum()
        {
            const int ip = 14, udp = 34;
            int length = Bytes.U16(Rx, udp + 4);
            Rx[udp + 6] = 0;
            Rx[udp + 7] = 0;
            uint sum = 17u + (uint)length;
            for (int i = 0; i < 8; i += 2) sum += (uint)((Rx[ip + 12 + i] << 8) | Rx[ip + 13 + i]);
            for (int i = 0; i < length; i += 2) sum += (uint)((Rx[udp + i] << 8) | (i + 1 < length ? Rx[udp + i + 1] : 0));
            while ((sum >> 16) != 0) sum = (sum & 0xFFFF) + (sum >> 16);
            ushort c = (ushort)~sum;
            if (c == 0) c = 0xFFFF;
            Rx[udp + 6] = (byte)(c >> 8);
            Rx[udp + 7] = (byte)c;
        }
    }
}
