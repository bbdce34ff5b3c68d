//! A repository as akplan sees it, shared by the CLI and the language server so both answer
//! alike: [`config`] (`akplan.toml`: which codes are reported) and [`discover`] (which files are
//! specs or ECS definitions).

pub mod config;
pub mod discover;
