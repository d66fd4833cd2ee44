//! The MCP server's handler: the tool list, and each call read into its arguments and
//! handed to the tool. The services (cache, rate limit, budgets, ledgers) are the ones
//! `connect` wires for the CLI, so an agent passes every guard a person does.

use std::borrow::Cow;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, Implementation, ListToolsResult,
    PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::domain::provider::ProviderChoice;
use crate::service::Services;

use super::reply::{self, Failure};
use super::token::Tokens;
use super::tools;

/// What every call of one server shares.
pub struct Corpvet {
    pub(super) services: Arc<Services>,
    pub(super) default_provider: ProviderChoice,
    pub(super) certificate_pages: u32,
    /// What the configuration and the start-up said (a store that could not be opened …),
    /// repeated in every result.
    pub(super) warnings: Vec<String>,
    tokens: Mutex<Tokens>,
    /// What `tools/list` answers, made once.
    tools: Vec<Tool>,
}

/// Said to the agent at start: how to use these tools without wasting the user's money.
const INSTRUCTIONS: &str = "corpvet vets Chinese companies (construction qualifications, \
    certificates, customs credit, credit reports) through paid APIs. Every vendor answer is \
    billed; answers are stored and reused, so asking again is free while they are fresh. \
    Start with vet. Use the local tools reports and spend freely. Never order a report the \
    user has not agreed to: order_report returns a confirmation token first.";

impl Corpvet {
    pub fn new(
        services: Services,
        (default_provider, certificate_pages): (ProviderChoice, u32),
        warnings: Vec<String>,
        token_ttl: Duration,
    ) -> Corpvet {
        Corpvet {
            services: Arc::new(services),
            default_provider,
            certificate_pages,
            warnings,
            tokens: Mutex::new(Tokens::new(token_ttl)),
            tools: tools::all(),
        }
    }

    /// The confirmation tokens (a poisoned lock still holds valid tokens).
    pub(super) fn tokens(&self) -> MutexGuard<'_, Tokens> {
        self.tokens.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Run the tool `name` on `arguments`.
    pub async fn call(&self, name: &str, arguments: Value) -> rmcp::model::CallToolResult {
        let listed = self.tools.iter().find(|t| t.name == name);
        let Some(Cow::Borrowed(tool)) = listed.map(|t| t.name.clone()) else {
            let names: Vec<&str> = self.tools.iter().map(|t| t.name.as_ref()).collect();
            let why = format!(
                "there is no tool {name:?}: the tools are {}",
                names.join(", ")
            );
            return reply::failure("unknown", Failure::Arguments(why), self.mode(), Vec::new());
        };
        tracing::info!(tool, "tool called");
        match self.dispatch(tool, arguments).await {
            Ok(doc) => reply::success(doc),
            Err(failure) => {
                if let Failure::Api(e, _) = &failure {
                    tracing::info!(tool, class = %e.report().class, "tool refused or failed");
                }
                reply::failure(tool, failure, self.mode(), self.warnings.clone())
            }
        }
    }

    async fn dispatch(&self, tool: &str, arguments: Value) -> Result<Value, Failure> {
        match tool {
            "vet" => self.vet(args(arguments)?).await,
            "qualifications" => self.qualifications(args(arguments)?).await,
            "certificates" => self.certificates(args(arguments)?).await,
            "certificate_detail" => self.certificate_detail(args(arguments)?).await,
            "customs" => self.customs(args(arguments)?).await,
            "order_report" => self.order_report(args(arguments)?).await,
            "report_status" => self.report_status(args(arguments)?).await,
            "reports" => self.reports(args(arguments)?).await,
            "spend" => self.spend(args(arguments)?).await,
            other => Err(Failure::Arguments(format!(
                "the tool {other:?} is listed but not served"
            ))),
        }
    }

    fn mode(&self) -> crate::service::Mode {
        self.services.mode()
    }
}

/// The arguments read into the tool's own struct (absent arguments are an empty object).
fn args<A: DeserializeOwned>(arguments: Value) -> Result<A, Failure> {
    let arguments = match arguments {
        Value::Null => Value::Object(Default::default()),
        other => other,
    };
    serde_json::from_value(arguments).map_err(|e| Failure::Arguments(e.to_string()))
}

impl ServerHandler for Corpvet {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(
                Implementation::new("corpvet", env!("CARGO_PKG_VERSION"))
                    .with_title("corpvet: vet a Chinese company"),
            )
            .with_instructions(INSTRUCTIONS)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.tools.clone()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let arguments = request.arguments.map(Value::Object).unwrap_or(Value::Null);
        Ok(self.call(&request.name, arguments).await.into())
    }
}
