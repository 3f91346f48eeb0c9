# Bash completion for fulcrum: commands, each command's options and the values of the common
# ones. Options are read from `fulcrum CMD --help` and models from `fulcrum models`, so the
# completion follows the program it completes; installed as
# share/bash-completion/completions/fulcrum.

_fulcrum_commands()
{
    "$1" --help 2>/dev/null | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'
}

_fulcrum_options()
{
    "$1" "$2" --help 2>/dev/null | grep -o -- '\(^\|[][ |,(]\)--\?[a-zA-Z][a-zA-Z-]*' |
        sed 's/^[][ |,(]//' | sort -u
}

_fulcrum()
{
    local cur prev prog cmd i
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    prog=${COMP_WORDS[0]}
    cmd=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} != -* ]]; then
            cmd=${COMP_WORDS[i]}
            break
        fi
    done
    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_fulcrum_commands "$prog")" -- "$cur"))
            # `fulcrum FILE` is `fulcrum forecast FILE`.
            COMPREPLY+=($(compgen -f -X '!*.@(yaml|yml|json|csv|xml)' -- "$cur"))
        fi
        return 0
    fi
    case $prev in
        --model)
            COMPREPLY=($(compgen -W "all $("$prog" models 2>/dev/null | sed -n 's/^\([a-z][a-z-]*\) .*/\1/p')" -- "$cur"))
            return 0 ;;
        --solver)
            COMPREPLY=($(compgen -W "enumpure enummixed lcp spe logit" -- "$cur"))
            return 0 ;;
        --format)
            COMPREPLY=($(compgen -W "text json csv" -- "$cur"))
            return 0 ;;
        --mode)
            COMPREPLY=($(compgen -W "start commit" -- "$cur"))
            return 0 ;;
        --salience-scale)
            COMPREPLY=($(compgen -W "100 1" -- "$cur"))
            return 0 ;;
        -o | --write | --branch | --per-issue | --checkpoint | --runs-csv)
            COMPREPLY=($(compgen -f -- "$cur"))
            return 0 ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_fulcrum_options "$prog" "$cmd")" -- "$cur"))
    elif [[ $cmd == chart && $prev == chart ]]; then
        COMPREPLY=($(compgen -W "issue trajectory bargains dilemma sweep" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
    return 0
}
complete -o filenames -F _fulcrum fulcrum
