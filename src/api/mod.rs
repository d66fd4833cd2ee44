//! The vendors' protocols: signing, status codes, tolerant wire types and one typed call per
//! endpoint. Nothing here knows about terminals or users.

pub mod download;
pub mod error;
pub mod juhe;
pub mod lenient;
pub mod qcc;
pub mod reply;
pub mod settings;
pub mod sign;
pub mod status;
pub mod transport;
pub mod wire;

pub use error::{ApiError, TransportKind};
pub use reply::{Paging, Reply};
pub use status::{StatusClass, StatusInfo, Vendor};
