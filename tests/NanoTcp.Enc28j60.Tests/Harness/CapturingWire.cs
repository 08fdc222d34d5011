using System;
using System.Collections.Generic;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Tests.Harness
{
    /// <summary>The far end of the cable: keeps every frame the chip put on the wire (no FCS, as TAP would).</summary>
    internal sealed class CapturingWire : IEthernetWire
    {
        public List<byte[]> Frames { get; } = new List<byte[]>();

        public void Send(byte[] frame, int offset, int length)
        {
            var copy = new byte[length];
            Array.Copy(frame, offset, copy, 0, length);
            Frames.Add(copy);
        }
    }
}
