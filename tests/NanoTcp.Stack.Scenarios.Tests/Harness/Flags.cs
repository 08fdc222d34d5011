using System;

namespace NanoTcp.Scenarios.Harness
{
    /// <summary>TCP control bits as they sit in byte 13 of the header (RFC 9293 §3.1), test side.</summary>
    [Flags]
    public enum Flags : byte
    {
        /// <summary>No control bit.</summary>
        None = 0,
        /// <summary>No more data from sender.</summary>
        Fin = 0x01,
        /// <summary>Synchronize sequence numbers.</summary>
        Syn = 0x02,
        /// <summary>Reset the connection.</summary>
        Rst = 0x04,
        /// <summary>Push function.</summary>
        Psh = 0x08,
        /// <summary>Acknowledgment field is significant.</summary>
        Ack = 0x10,
        /// <summary>Urgent pointer field is significant.</summary>
        Urg = 0x20,
    }
}
